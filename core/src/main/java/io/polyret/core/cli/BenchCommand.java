package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.PATH;
import static io.polyret.core.cli.SettingOption.Type.POSITIVE_INT;

import java.util.List;

/** {@code polyret bench}: measures encoding, search or training-step throughput on this machine. */
public final class BenchCommand extends CliCommand {

    /** @param engine the benchmark runner */
    public BenchCommand(CommandEngine engine) {
        super("bench", "measure encoding, search or training-step throughput on this machine", List.of(
                SettingOption.choice("suite", "suite", List.of("encode", "search", "train-step"), "what to measure"),
                SettingOption.of("model", "model", PATH, "model directory (default: a built-in preset)"),
                SettingOption.of("iterations", "iterations", POSITIVE_INT, "measured iterations"),
                SettingOption.of("output", "output", PATH, "write the measurements as JSON")),
                List.of("suite"), engine);
    }
}

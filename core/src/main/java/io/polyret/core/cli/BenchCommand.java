package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.POSITIVE_INT;

import java.util.List;

/** {@code polyret bench}: measures training-step, evaluation or sampler throughput on this machine. */
public final class BenchCommand extends CliCommand {

    /** @param engine the benchmark runner (normally {@link BenchEngine}) */
    public BenchCommand(CommandEngine engine) {
        super("bench", "measure training-step, evaluation or batch-sampler throughput on this machine", List.of(
                SettingOption.choice("suite", "suite", BenchEngine.SUITES,
                        "what to measure: train-step (TrainBenchmark), evaluation (EvalBenchmark),"
                                + " sampler (SamplerBenchmark)"),
                SettingOption.choice("size", "size", List.of("tiny", "small", "base"),
                        "train-step model size (default: tiny)"),
                SettingOption.of("iterations", "iterations", POSITIVE_INT,
                        "timed steps (train-step), repeats (evaluation) or batches (sampler)"),
                SettingOption.of("threads", "threads", POSITIVE_INT, "TensorFlow / worker threads")),
                List.of("suite"), engine);
    }
}

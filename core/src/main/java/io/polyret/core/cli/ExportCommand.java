package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.PATH;

import java.util.List;

/** {@code polyret export}: writes a trained model as a TensorFlow SavedModel. */
public final class ExportCommand extends CliCommand {

    /** @param engine the exporter */
    public ExportCommand(CommandEngine engine) {
        super("export", "export a trained checkpoint as a TensorFlow SavedModel", List.of(
                SettingOption.of("checkpoint", "checkpoint", PATH, "checkpoint directory written by train"),
                SettingOption.of("output", "output", PATH, "SavedModel directory")),
                List.of("checkpoint", "output"), engine);
    }
}

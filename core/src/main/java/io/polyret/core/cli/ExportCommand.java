package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.PATH;

import java.util.List;

/** {@code polyret export}: writes a trained model as a TensorFlow SavedModel. */
public final class ExportCommand extends CliCommand {

    /** @param engine the exporter */
    public ExportCommand(CommandEngine engine) {
        super("export", "export a trained model as a TensorFlow SavedModel (with its tokenizer)", List.of(
                SettingOption.of("model", "model", PATH, "model directory written by train (or its checkpoint)")
                        .withAlias("checkpoint"),
                SettingOption.of("output-dir", "outputDir", PATH, "SavedModel directory").withAlias("out")),
                List.of("model", "outputDir"), engine);
    }
}

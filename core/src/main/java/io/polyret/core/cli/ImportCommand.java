package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.PATH;

import java.util.List;

/** {@code polyret import}: turns a Hugging Face model directory into a polyret model directory. */
public final class ImportCommand extends CliCommand {

    /** @param engine the importer */
    public ImportCommand(CommandEngine engine) {
        super("import", "import a Hugging Face model directory (config.json, model.safetensors, tokenizer)", List.of(
                SettingOption.of("source", "source", PATH, "Hugging Face model directory").withAlias("from"),
                SettingOption.of("output-dir", "outputDir", PATH, "polyret model directory").withAlias("out")),
                List.of("source", "outputDir"), engine);
    }
}

package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.PATH;

import java.util.List;

/** {@code polyret import}: turns a Hugging Face checkpoint into a polyret checkpoint. */
public final class ImportCommand extends CliCommand {

    /** @param engine the importer */
    public ImportCommand(CommandEngine engine) {
        super("import", "import a Hugging Face checkpoint (config.json, model.safetensors, tokenizer)", List.of(
                SettingOption.of("from", "source", PATH, "Hugging Face checkpoint directory"),
                SettingOption.of("output", "output", PATH, "polyret checkpoint directory")),
                List.of("source", "output"), engine);
    }
}

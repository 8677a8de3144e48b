package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.LIST;
import static io.polyret.core.cli.SettingOption.Type.PATH;
import static io.polyret.core.cli.SettingOption.Type.POSITIVE_INT;

import java.util.List;

/** {@code polyret evaluate}: scores a model on a retrieval benchmark and writes the evaluation JSON. */
public final class EvaluateCommand extends CliCommand {

    /** @param engine the evaluator */
    public EvaluateCommand(CommandEngine engine) {
        super("evaluate", "evaluate a model: mono-, cross- and multilingual mAP, recall, language bias", List.of(
                SettingOption.of("model", "model", PATH, "model directory (checkpoint or exported model)"),
                SettingOption.of("data", "data", PATH, "benchmark directory (LAReQA {lang}.json files, or MIRACL)"),
                SettingOption.choice("format", "format", List.of("lareqa", "miracl"), "benchmark format"),
                SettingOption.of("languages", "languages", LIST, "languages to evaluate (default: all found)"),
                SettingOption.of("output", "output", PATH, "evaluation result file (JSON)"),
                SettingOption.of("run-file", "run_file", PATH, "also write a TREC run file"),
                SettingOption.of("batch-size", "batch_size", POSITIVE_INT, "texts per encoding batch")),
                List.of("model", "data", "output"), engine);
    }
}

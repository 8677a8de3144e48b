package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.FLAG;
import static io.polyret.core.cli.SettingOption.Type.LIST;
import static io.polyret.core.cli.SettingOption.Type.PATH;
import static io.polyret.core.cli.SettingOption.Type.PATHS;
import static io.polyret.core.cli.SettingOption.Type.POSITIVE_INT;
import static io.polyret.core.cli.SettingOption.Type.TEXT;

import java.util.List;

/**
 * {@code polyret evaluate}: scores a model on a retrieval benchmark (LAReQA: {@code --data}; MIRACL
 * or TREC: {@code --topics}, {@code --qrels}, {@code --corpus}) and writes
 * {@code <outputDir>/evaluation.json} (and, with {@code --trec-runs}, TREC run files with their
 * qrels under {@code <outputDir>/runs}).
 */
public final class EvaluateCommand extends CliCommand {

    /** @param engine the evaluator */
    public EvaluateCommand(CommandEngine engine) {
        super("evaluate", "evaluate a model: mono-, cross- and multilingual mAP, recall, language bias", List.of(
                SettingOption.of("model", "model", PATH, "polyret model directory (written by train or import)"),
                SettingOption.choice("benchmark", "benchmark", List.of("lareqa", "miracl", "trec"),
                        "benchmark format [lareqa]"),
                SettingOption.of("data", "data", PATH, "LAReQA benchmark directory ({lang}.json files)"),
                SettingOption.of("topics", "topics", PATH, "miracl/trec: topics file (qid<TAB>query)"),
                SettingOption.of("qrels", "qrels", PATH, "miracl/trec: qrels file"),
                SettingOption.of("corpus", "corpus", PATHS, "miracl/trec: corpus JSON-lines files or folders"),
                SettingOption.of("language", "language", TEXT, "miracl/trec: the collection's language"),
                SettingOption.of("languages", "languages", LIST, "languages to evaluate (default: all found)"),
                SettingOption.of("output-dir", "outputDir", PATH,
                        "directory for evaluation.json (and runs/ with --trec-runs)").withAlias("out"),
                SettingOption.of("trec-runs", "trecRuns", FLAG,
                        "also write one TREC run file per setting and language pair, with matching qrels"),
                SettingOption.of("run-name", "runName", TEXT, "name of this run in reports (default: the model's name)"),
                SettingOption.of("benchmark-name", "benchmarkName", TEXT,
                        "benchmark name in reports; xquad-r and mlqa-r show the paper's numbers (default: the data directory's name)"),
                SettingOption.of("batch-size", "batchSize", POSITIVE_INT, "texts per encoding batch"),
                SettingOption.of("embedding-cache", "embeddingCache", PATH,
                        "directory of cached embeddings, keyed by model and data checksums (default: none)"),
                SettingOption.choice("kernel", "kernel", List.of("tensorflow", "java"),
                        "score kernel: TensorFlow matrix products or pure Java [tensorflow]"),
                SettingOption.of("threads", "threads", POSITIVE_INT, "threads for encoding, scoring and ranking [cores]"),
                SettingOption.choice("device", "device", List.of("auto", "cpu", "gpu"),
                        "device for encoding and scoring; auto falls back to the CPU with the reason [auto]")),
                List.of("model", "outputDir"), engine);
    }
}

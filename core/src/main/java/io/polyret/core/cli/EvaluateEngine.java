package io.polyret.core.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.pipeline.EvaluationJob;
import io.polyret.core.pipeline.EvaluationJobConfig;
import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.SettingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The {@code evaluate} engine: an {@link EvaluationJob} that writes {@code <outputDir>/evaluation.json}
 * and, with {@code trecRuns}, TREC run files and qrels per setting and language pair under
 * {@code <outputDir>/runs}. Settings: {@code model}, {@code benchmark} (the format: lareqa, miracl,
 * trec), {@code data} and {@code languages} (lareqa), {@code topics}, {@code qrels}, {@code corpus}
 * and {@code language} (miracl, trec), {@code benchmarkName}, {@code outputDir}, {@code trecRuns},
 * {@code runName}, {@code batchSize}, {@code runDepth}.
 */
public final class EvaluateEngine implements CommandEngine {
    /** The result file's name in the output directory. */
    public static final String RESULT_FILE = "evaluation.json";
    /** The folder of TREC run files in the output directory. */
    public static final String RUNS_FOLDER = "runs";
    private static final Set<String> KEYS = Set.of("model", "data", "benchmark", "benchmarkName", "languages",
            "outputDir", "trecRuns", "runName", "batchSize", "runDepth", "topics", "qrels", "corpus", "language",
            "embeddingCache", "kernel", "threads", "device");

    @Override
    public void run(ObjectNode settings, CommandContext context) throws IOException {
        EvaluationJobConfig config = config(settings);
        EvaluationResult result = EvaluationJob.run(config);
        for (BenchmarkResult benchmark : result.benchmarks()) {
            context.out().println(summary(benchmark));
        }
        context.out().println("evaluation: " + config.output().toAbsolutePath());
        if (config.runFiles() != null) {
            context.out().println("TREC runs and qrels: " + config.runFiles().toAbsolutePath());
        }
    }

    /** The job's config; every path, language and value is checked here, before the model is loaded. */
    static EvaluationJobConfig config(ObjectNode settings) {
        Settings.refuseUnknown(settings, KEYS, "evaluate");
        Path model = Settings.existingDirectory(settings, "model", "model directory");
        String format = Settings.text(settings, "benchmark", "lareqa");
        Path outputDir = Path.of(Settings.requiredText(settings, "outputDir", "output directory"));
        List<String> languages = Settings.strings(settings, "languages");
        ObjectNode job = JsonNodeFactory.instance.objectNode();
        job.put("model", model.toString());
        job.put("format", format);
        if (format.equals("lareqa")) {
            Path data = Settings.existingDirectory(settings, "data", "benchmark directory");
            for (String language : languages) {
                if (!Files.isRegularFile(data.resolve(language + ".json"))) {
                    throw new IllegalArgumentException("languages: no " + language + ".json in " + data
                            + " for language '" + language + "'");
                }
            }
            job.put("data", data.toString());
            for (String key : List.of("topics", "qrels", "corpus", "language")) {
                if (settings.hasNonNull(key)) {
                    throw new IllegalArgumentException(key + " applies to the miracl and trec benchmarks, not lareqa");
                }
            }
        } else {
            for (String key : List.of("topics", "qrels")) {
                Path file = Path.of(Settings.requiredText(settings, key, format + " " + key + " file"));
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException(key + ": file " + file + " does not exist");
                }
                job.put(key, file.toString());
            }
            List<String> corpus = Settings.strings(settings, "corpus");
            if (corpus.isEmpty()) {
                throw new IllegalArgumentException("corpus (JSON-lines files or folders) is required for " + format);
            }
            corpus.forEach(job.putArray("corpus")::add);
            copyText(settings, "language", job, "language");
            if (!languages.isEmpty()) {
                throw new IllegalArgumentException("languages applies to lareqa; give the collection's language"
                        + " as language for " + format);
            }
        }
        job.put("output", outputDir.resolve(RESULT_FILE).toString());
        if (!languages.isEmpty()) {
            languages.forEach(job.putArray("languages")::add);
        }
        if (Settings.bool(settings, "trecRuns", false)) {
            job.put("runFiles", outputDir.resolve(RUNS_FOLDER).toString());
        }
        copyText(settings, "runName", job, "runName");
        copyText(settings, "benchmarkName", job, "benchmark");
        for (String key : List.of("batchSize", "threads")) {
            Integer value = Settings.positiveInt(settings, key);
            if (value != null) {
                job.put(key, value);
            }
        }
        copyText(settings, "kernel", job, "kernel");
        copyText(settings, "device", job, "device");
        copyText(settings, "embeddingCache", job, "embeddingCache");
        if (settings.hasNonNull("runDepth")) {
            if (!settings.get("runDepth").canConvertToInt() || settings.get("runDepth").intValue() < 0) {
                throw new IllegalArgumentException("runDepth must be an integer >= 0, got " + settings.get("runDepth"));
            }
            job.put("runDepth", settings.get("runDepth").intValue());
        }
        try {
            return EvaluationJobConfig.fromJson(job);
        } catch (IllegalArgumentException e) {
            // The job calls the format "format"; on the command line and in the POM it is "benchmark".
            String message = e.getMessage();
            throw message != null && message.startsWith("format:")
                    ? new IllegalArgumentException("benchmark:" + message.substring("format:".length()), e)
                    : e;
        }
    }

    private static void copyText(ObjectNode from, String key, ObjectNode to, String target) {
        String value = Settings.text(from, key, null);
        if (value != null) {
            to.put(target, value);
        }
    }

    /** "xquad-r: monolingual mAP 0.8123, cross-lingual mAP ..., multilingual mAP ..., rank distance ...". */
    static String summary(BenchmarkResult benchmark) {
        StringBuilder line = new StringBuilder(benchmark.name()).append(":");
        String separator = " ";
        for (String setting : List.of(SettingResult.MONOLINGUAL, SettingResult.CROSS_LINGUAL, SettingResult.MULTILINGUAL)) {
            OptionalDouble map = benchmark.macro(setting, "map");
            if (map.isPresent()) {
                line.append(separator).append(String.format(Locale.ROOT, "%s mAP %.4f", setting, map.getAsDouble()));
                separator = ", ";
            } else {
                // MIRACL / TREC results carry other metrics (nDCG@10, recall@100): print what is there.
                for (String metric : benchmark.metricNames(setting)) {
                    OptionalDouble value = benchmark.macro(setting, metric);
                    if (value.isPresent()) {
                        line.append(separator)
                                .append(String.format(Locale.ROOT, "%s %.4f", metric, value.getAsDouble()));
                        separator = ", ";
                    }
                }
            }
        }
        if (benchmark.rankDistanceMacro() != null) {
            line.append(separator).append(String.format(Locale.ROOT, "rank distance %.2f", benchmark.rankDistanceMacro()));
        }
        return line.toString();
    }
}

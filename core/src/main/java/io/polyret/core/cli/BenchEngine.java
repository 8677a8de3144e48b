package io.polyret.core.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.bench.EvalBenchmark;
import io.polyret.core.bench.SamplerBenchmark;
import io.polyret.core.bench.TrainBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code bench} engine: runs one of the benchmark programs of {@code io.polyret.core.bench}
 * with arguments built from the settings ({@code suite}, {@code size}, {@code iterations},
 * {@code threads}). The programs print their measurements (one JSON line, or a table) on standard
 * output.
 */
public final class BenchEngine implements CommandEngine {
    /** The suites, in help order. */
    public static final List<String> SUITES = List.of("train-step", "evaluation", "sampler");
    private static final Set<String> KEYS = Set.of("suite", "size", "iterations", "threads");

    @Override
    public void run(ObjectNode settings, CommandContext context) throws Exception {
        Settings.refuseUnknown(settings, KEYS, "bench");
        String suite = Settings.text(settings, "suite", null);
        if (suite == null || !SUITES.contains(suite)) {
            throw new IllegalArgumentException("suite must be one of " + String.join(", ", SUITES) + ": '" + suite + "'");
        }
        List<String> args = arguments(suite, settings);
        context.out().println("running " + mainClass(suite) + " " + String.join(" ", args));
        context.out().flush();
        switch (suite) {
            case "train-step" -> TrainBenchmark.main(args.toArray(new String[0]));
            case "evaluation" -> EvalBenchmark.main(args.toArray(new String[0]));
            default -> SamplerBenchmark.main(args.toArray(new String[0]));
        }
    }

    /** The benchmark program's arguments for {@code suite}; a setting it has no use for is refused. */
    static List<String> arguments(String suite, ObjectNode settings) {
        List<String> args = new ArrayList<>();
        String size = Settings.text(settings, "size", null);
        if (size != null && !suite.equals("train-step")) {
            throw new IllegalArgumentException("size applies to the train-step suite only, not to '" + suite + "'");
        }
        Integer threads = Settings.positiveInt(settings, "threads");
        if (threads != null && suite.equals("sampler")) {
            throw new IllegalArgumentException("threads does not apply to the sampler suite");
        }
        Integer iterations = Settings.positiveInt(settings, "iterations");
        switch (suite) {
            case "train-step" -> {
                args.addAll(List.of("--config", (size == null ? "tiny" : size).toUpperCase(Locale.ROOT)));
                if (iterations != null) {
                    args.addAll(List.of("--steps", iterations.toString()));
                }
            }
            case "evaluation" -> {
                if (iterations != null) {
                    args.addAll(List.of("--repeats", iterations.toString()));
                }
            }
            default -> {
                if (iterations != null) {
                    args.addAll(List.of("--batches", iterations.toString()));
                }
            }
        }
        if (threads != null) {
            args.addAll(List.of("--threads", threads.toString()));
        }
        return args;
    }

    private static String mainClass(String suite) {
        return switch (suite) {
            case "train-step" -> TrainBenchmark.class.getName();
            case "evaluation" -> EvalBenchmark.class.getName();
            default -> SamplerBenchmark.class.getName();
        };
    }
}

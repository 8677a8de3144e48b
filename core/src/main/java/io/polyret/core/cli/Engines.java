package io.polyret.core.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine behind each {@code polyret} command in this build, the one place where the command
 * line (and the Maven goals, which run the same engines) is wired to polyret-core: {@code train}
 * and {@code evaluate} run the jobs of {@code io.polyret.core.pipeline}, {@code export} and
 * {@code import} write polyret model directories, {@code report} and {@code check} read evaluation
 * results, {@code bench} runs the benchmark programs of {@code io.polyret.core.bench}.
 */
public final class Engines {

    /** Command names, in the order the help lists them. */
    public static final String[] COMMANDS = {"train", "evaluate", "report", "check", "export", "import", "bench"};

    private Engines() {
    }

    /** Engine per command name; every command of {@link #COMMANDS} has one. */
    public static Map<String, CommandEngine> ofThisBuild() {
        Map<String, CommandEngine> engines = new LinkedHashMap<>();
        for (String command : COMMANDS) {
            engines.put(command, CommandEngine.notAvailable(command));
        }
        engines.put("train", new TrainEngine());
        engines.put("evaluate", new EvaluateEngine());
        engines.put("export", new ExportEngine());
        engines.put("import", new ImportEngine());
        engines.put("report", new ReportEngine());
        engines.put("check", new CheckEngine());
        engines.put("bench", new BenchEngine());
        return engines;
    }
}

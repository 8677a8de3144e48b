package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.LIST;
import static io.polyret.core.cli.SettingOption.Type.PATH;
import static io.polyret.core.cli.SettingOption.Type.PATHS;
import static io.polyret.core.cli.SettingOption.Type.TEXT;

import java.util.List;

/** {@code polyret report}: renders evaluation (and training) results as offline HTML, CSV and Markdown. */
public final class ReportCommand extends CliCommand {

    /** @param engine the report writer */
    public ReportCommand(CommandEngine engine) {
        super("report", "render evaluation results as an offline HTML page, a CSV table and a Markdown summary", List.of(
                SettingOption.of("results", "results", PATHS,
                        "evaluation result files (evaluation.json); several are compared, the first is the baseline")
                        .withAlias("input"),
                SettingOption.of("training-logs", "trainingLogs", PATHS, "training logs to include; repeatable")
                        .withAlias("training-log"),
                SettingOption.of("output-dir", "outputDir", PATH,
                        "report directory (report.html, results.csv, summary.md)").withAlias("out"),
                SettingOption.of("formats", "formats", LIST, "html, csv, md (default: all three)"),
                SettingOption.of("title", "title", TEXT, "report title"),
                SettingOption.of("baseline", "baseline", TEXT, "run that deltas are computed against (default: the first)")),
                List.of("results", "outputDir"), engine);
    }
}

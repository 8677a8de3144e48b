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
                SettingOption.of("input", "inputs", PATHS, "evaluation result files (JSON); several are compared"),
                SettingOption.of("training-log", "training_logs", PATHS, "training logs to include; repeatable"),
                SettingOption.of("output", "output", PATH,
                        "report folder (report.html, results.csv, summary.md)"),
                SettingOption.of("formats", "formats", LIST, "html, csv, md (default: all three)"),
                SettingOption.of("title", "title", TEXT, "report title"),
                SettingOption.of("baseline", "baseline", TEXT, "run that deltas are computed against (default: the first)")),
                List.of("inputs", "output"), engine);
    }
}

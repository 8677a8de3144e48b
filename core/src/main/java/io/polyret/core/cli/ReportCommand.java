package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.LIST;
import static io.polyret.core.cli.SettingOption.Type.PATH;
import static io.polyret.core.cli.SettingOption.Type.PATHS;
import static io.polyret.core.cli.SettingOption.Type.TEXT;

import java.util.List;

/** {@code polyret report}: renders evaluation (and training) results as HTML, JSON, CSV or Markdown. */
public final class ReportCommand extends CliCommand {

    /** @param engine the report writer */
    public ReportCommand(CommandEngine engine) {
        super("report", "render evaluation results as an offline HTML page, JSON, CSV or Markdown", List.of(
                SettingOption.of("input", "inputs", PATHS, "evaluation result files (JSON); several are compared"),
                SettingOption.of("training-log", "trainingLog", PATH, "training log to include"),
                SettingOption.of("output", "output", PATH, "report directory"),
                SettingOption.of("formats", "formats", LIST, "html, json, csv, md (default: html)"),
                SettingOption.of("title", "title", TEXT, "report title")),
                List.of("inputs", "output"), engine);
    }
}

package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.LIST;
import static io.polyret.core.cli.SettingOption.Type.PATH;
import static io.polyret.core.cli.SettingOption.Type.TEXT;

import java.util.List;

/**
 * {@code polyret check}: the quality gate of {@code polyret:check} for builds without Maven;
 * exit code 1 when a threshold is violated.
 */
public final class CheckCommand extends CliCommand {

    /** @param engine the gate runner (normally {@link CheckEngine}) */
    public CheckCommand(CommandEngine engine) {
        super("check", "fail (exit code 1) when an evaluation result misses a minimum, exceeds a maximum bias or differs from a reference", List.of(
                SettingOption.of("evaluation-file", "evaluationFile", PATH, "evaluation result file (evaluation.json)")
                        .withAlias("input"),
                SettingOption.of("minimums", "minimums", LIST,
                        "[benchmark:]setting/metric[/language]=value, e.g. monolingual/map=0.7; repeatable")
                        .withAlias("minimum"),
                SettingOption.of("max-rank-distance", "maxRankDistance", SettingOption.Type.NON_NEGATIVE_NUMBER,
                        "maximum mean rank distance (language bias, multilingual)"),
                SettingOption.of("benchmark", "benchmark", TEXT, "only check this benchmark"),
                SettingOption.of("reference", "reference", PATH,
                        "another evaluation result every metric must match (e.g. the CPU run of a GPU evaluation)"),
                SettingOption.of("tolerance", "tolerance", SettingOption.Type.NON_NEGATIVE_NUMBER,
                        "largest difference of a metric from --reference (relative for rank distance) [1e-4]")),
                List.of("evaluationFile"), engine);
    }
}

package io.polyret.core.cli;

import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.SettingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Thresholds on an evaluation result: minimum values of metrics (macro-averaged per setting, or for
 * one query language) and a maximum language bias (mean rank distance of the multilingual
 * setting). {@link #check} reports every rule's outcome, so a failed gate lists every violation.
 * Used by {@code polyret check} and the {@code polyret:check} Maven goal.
 */
public final class QualityGate {

    /**
     * A minimum, written {@code [benchmark:]setting/metric[/language]=value}, for example
     * {@code monolingual/map=0.7}, {@code xquad-r:multilingual/recall@10=0.8} or
     * {@code cross-lingual/map/de=0.5}. Without a benchmark it applies to every benchmark that has
     * the setting; without a language, to the setting's macro average.
     */
    public record Minimum(String benchmark, String setting, String metric, String language, double value) {
        private static final Pattern SYNTAX =
                Pattern.compile("(?:([^:/=\\s]+):)?([^:/=\\s]+)/([^/=\\s]+)(?:/([^/=\\s]+))?=(\\S+)");

        /** Parses a rule; {@link IllegalArgumentException} quoting it when malformed. */
        public static Minimum parse(String rule) {
            Matcher matcher = SYNTAX.matcher(rule == null ? "" : rule.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("minimum '" + rule
                        + "' must look like [benchmark:]setting/metric[/language]=value, e.g. monolingual/map=0.7");
            }
            double value;
            try {
                value = Double.parseDouble(matcher.group(5));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("minimum '" + rule + "': '" + matcher.group(5) + "' is not a number");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("minimum '" + rule + "': value must be finite");
            }
            return new Minimum(matcher.group(1), matcher.group(2), matcher.group(3).toLowerCase(Locale.ROOT),
                    matcher.group(4), value);
        }

        /** The rule as written (normalised). */
        public String text() {
            return (benchmark == null ? "" : benchmark + ":") + setting + "/" + metric
                    + (language == null ? "" : "/" + language) + "=" + format(value);
        }
    }

    /**
     * One checked value.
     *
     * @param message a human-readable line: what was checked, its value and the threshold
     * @param passed  whether the value met the threshold
     */
    public record Outcome(String message, boolean passed) {
    }

    private final List<Minimum> minimums;
    private final Double maxRankDistance;
    private final String benchmark;

    /**
     * @param minimums        rules in {@link Minimum} syntax
     * @param maxRankDistance maximum macro rank distance, or null for none
     * @param benchmark       only check this benchmark, or null for all
     * @throws IllegalArgumentException quoting a malformed rule or a negative maximum
     */
    public QualityGate(List<String> minimums, Double maxRankDistance, String benchmark) {
        List<Minimum> parsed = new ArrayList<>();
        if (minimums != null) {
            minimums.forEach(rule -> parsed.add(Minimum.parse(rule)));
        }
        if (maxRankDistance != null && !(maxRankDistance >= 0 && Double.isFinite(maxRankDistance))) {
            throw new IllegalArgumentException("maxRankDistance must be a finite number >= 0, got " + maxRankDistance);
        }
        this.minimums = List.copyOf(parsed);
        this.maxRankDistance = maxRankDistance;
        this.benchmark = benchmark == null || benchmark.isBlank() ? null : benchmark.strip();
    }

    /** Whether no threshold is configured. */
    public boolean isEmpty() {
        return minimums.isEmpty() && maxRankDistance == null;
    }

    /** Every rule applied to {@code result}, passed or not, in rule order. */
    public List<Outcome> check(EvaluationResult result) {
        List<Outcome> outcomes = new ArrayList<>();
        List<BenchmarkResult> benchmarks = new ArrayList<>();
        for (BenchmarkResult candidate : result.benchmarks()) {
            if (benchmark == null || candidate.name().equals(benchmark)) {
                benchmarks.add(candidate);
            }
        }
        if (benchmarks.isEmpty()) {
            outcomes.add(new Outcome(benchmark == null ? "the result holds no benchmark"
                    : "no benchmark '" + benchmark + "' in the result (has: " + names(result.benchmarks()) + ")", false));
            return outcomes;
        }
        for (Minimum minimum : minimums) {
            checkMinimum(minimum, benchmarks, outcomes);
        }
        if (maxRankDistance != null) {
            checkRankDistance(benchmarks, outcomes);
        }
        return outcomes;
    }

    private static void checkMinimum(Minimum minimum, List<BenchmarkResult> benchmarks, List<Outcome> outcomes) {
        List<BenchmarkResult> targets = new ArrayList<>();
        for (BenchmarkResult candidate : benchmarks) {
            boolean named = minimum.benchmark() != null && candidate.name().equals(minimum.benchmark());
            boolean hasSetting = minimum.benchmark() == null && candidate.settingNames().contains(minimum.setting());
            if (named || hasSetting) {
                targets.add(candidate);
            }
        }
        if (targets.isEmpty()) {
            outcomes.add(new Outcome(minimum.benchmark() != null
                    ? minimum.text() + ": no benchmark '" + minimum.benchmark() + "' (has: " + names(benchmarks) + ")"
                    : minimum.text() + ": no benchmark has the setting '" + minimum.setting() + "'", false));
            return;
        }
        for (BenchmarkResult target : targets) {
            String what = target.name() + " " + minimum.setting() + " " + minimum.metric()
                    + (minimum.language() == null ? " (macro average)" : " (" + minimum.language() + " queries)");
            OptionalDouble value = minimum.language() == null
                    ? target.macro(minimum.setting(), minimum.metric())
                    : target.byQueryLanguage(minimum.setting(), minimum.metric(), minimum.language());
            if (value.isEmpty()) {
                outcomes.add(new Outcome(what + ": not in the result (settings: " + target.settingNames()
                        + ", metrics: " + target.metricNames(minimum.setting()) + ")", false));
            } else {
                boolean passed = value.getAsDouble() >= minimum.value();
                outcomes.add(new Outcome(what + " = " + format(value.getAsDouble())
                        + (passed ? " >= " : " < ") + "minimum " + format(minimum.value()), passed));
            }
        }
    }

    private void checkRankDistance(List<BenchmarkResult> benchmarks, List<Outcome> outcomes) {
        boolean any = false;
        for (BenchmarkResult target : benchmarks) {
            if (!target.settingNames().contains(SettingResult.MULTILINGUAL) && target.rankDistanceMacro() == null) {
                continue;
            }
            any = true;
            String what = target.name() + " rank distance (language bias, macro average)";
            if (target.rankDistanceMacro() == null) {
                outcomes.add(new Outcome(what + ": not measured in the result", false));
            } else {
                double value = target.rankDistanceMacro();
                boolean passed = value <= maxRankDistance;
                outcomes.add(new Outcome(what + " = " + format(value) + (passed ? " <= " : " > ")
                        + "maximum " + format(maxRankDistance), passed));
            }
        }
        if (!any) {
            outcomes.add(new Outcome("maxRankDistance " + format(maxRankDistance)
                    + ": no benchmark has a multilingual setting", false));
        }
    }

    private static String names(List<BenchmarkResult> benchmarks) {
        return String.join(", ", benchmarks.stream().map(BenchmarkResult::name).toList());
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}

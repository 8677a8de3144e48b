package io.polyret.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code check} engine: applies a {@link QualityGate} to an evaluation result file, prints
 * every outcome ({@code ok} or {@code FAIL}) and fails with {@link CheckFailedException} when any
 * threshold is violated. Settings: {@code evaluationFile}, {@code minimums},
 * {@code maxRankDistance}, {@code benchmark}, and {@code reference} (another evaluation result that
 * every metric must match within {@code tolerance}, default 1e-4).
 */
public final class CheckEngine implements CommandEngine {

    @Override
    public void run(ObjectNode settings, CommandContext context) {
        Settings.refuseUnknown(settings,
                List.of("evaluationFile", "minimums", "maxRankDistance", "benchmark", "reference", "tolerance"), "check");
        Path file = Path.of(Settings.requiredText(settings, "evaluationFile", "evaluation result file"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("evaluation result file " + file + " does not exist (evaluationFile)");
        }
        List<String> minimums = new ArrayList<>();
        JsonNode rules = settings.get("minimums");
        if (rules != null && !rules.isNull()) {
            if (!rules.isArray()) {
                throw new IllegalArgumentException("minimums must be an array of rules, got " + rules);
            }
            rules.forEach(rule -> minimums.add(rule.asText()));
        }
        JsonNode max = settings.get("maxRankDistance");
        if (max != null && !max.isNull() && !max.isNumber()) {
            throw new IllegalArgumentException("maxRankDistance must be a number, got " + max);
        }
        JsonNode benchmark = settings.get("benchmark");
        QualityGate gate = new QualityGate(minimums, max == null || max.isNull() ? null : max.doubleValue(),
                benchmark == null || benchmark.isNull() ? null : benchmark.asText());
        ReferenceComparison comparison = referenceComparison(settings, benchmark == null || benchmark.isNull()
                ? null : benchmark.asText());
        if (gate.isEmpty() && comparison == null) {
            throw new IllegalArgumentException("nothing to check: give --minimums, --max-rank-distance or --reference");
        }
        EvaluationResult result = EvaluationResultJson.read(file);
        List<QualityGate.Outcome> outcomes = new ArrayList<>(gate.isEmpty() ? List.of() : gate.check(result));
        if (comparison != null) {
            outcomes.addAll(comparison.check(result));
        }
        long failed = outcomes.stream().filter(outcome -> !outcome.passed()).count();
        outcomes.forEach(outcome -> context.out().println((outcome.passed() ? "ok   " : "FAIL ") + outcome.message()));
        if (failed > 0) {
            throw new CheckFailedException(failed + " of " + outcomes.size() + " checks failed on " + file);
        }
        context.out().println(outcomes.size() + " checks passed on " + file);
    }

    /** The comparison with {@code reference}, or null when none is given. */
    private static ReferenceComparison referenceComparison(ObjectNode settings, String benchmark) {
        JsonNode tolerance = settings.get("tolerance");
        if (tolerance != null && !tolerance.isNull() && (!tolerance.isNumber() || tolerance.doubleValue() < 0)) {
            throw new IllegalArgumentException("tolerance must be a number >= 0, got " + tolerance);
        }
        String reference = Settings.text(settings, "reference", null);
        if (reference == null) {
            if (tolerance != null && !tolerance.isNull()) {
                throw new IllegalArgumentException("tolerance applies to --reference, which is not given");
            }
            return null;
        }
        return ReferenceComparison.read(Path.of(reference),
                tolerance == null || tolerance.isNull() ? ReferenceComparison.DEFAULT_TOLERANCE : tolerance.doubleValue(),
                benchmark);
    }
}

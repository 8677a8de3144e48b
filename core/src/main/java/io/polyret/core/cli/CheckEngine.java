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
 * threshold is violated. Settings: {@code input}, {@code minimums}, {@code max_rank_distance},
 * {@code benchmark}.
 */
public final class CheckEngine implements CommandEngine {

    @Override
    public void run(ObjectNode settings, CommandContext context) {
        for (var names = settings.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("input", "minimums", "max_rank_distance", "benchmark").contains(name)) {
                throw new IllegalArgumentException("unknown check setting '" + name
                        + "' (known: benchmark, input, max_rank_distance, minimums)");
            }
        }
        JsonNode input = settings.get("input");
        if (input == null || !input.isTextual()) {
            throw new IllegalArgumentException("check needs an evaluation result file (input), got " + input);
        }
        Path file = Path.of(input.asText());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("evaluation result file " + file + " does not exist");
        }
        List<String> minimums = new ArrayList<>();
        JsonNode rules = settings.get("minimums");
        if (rules != null && !rules.isNull()) {
            if (!rules.isArray()) {
                throw new IllegalArgumentException("minimums must be an array of rules, got " + rules);
            }
            rules.forEach(rule -> minimums.add(rule.asText()));
        }
        JsonNode max = settings.get("max_rank_distance");
        if (max != null && !max.isNull() && !max.isNumber()) {
            throw new IllegalArgumentException("max_rank_distance must be a number, got " + max);
        }
        JsonNode benchmark = settings.get("benchmark");
        QualityGate gate = new QualityGate(minimums, max == null || max.isNull() ? null : max.doubleValue(),
                benchmark == null || benchmark.isNull() ? null : benchmark.asText());
        if (gate.isEmpty()) {
            throw new IllegalArgumentException("nothing to check: give --minimum or --max-rank-distance");
        }
        EvaluationResult result = EvaluationResultJson.read(file);
        List<QualityGate.Outcome> outcomes = gate.check(result);
        long failed = outcomes.stream().filter(outcome -> !outcome.passed()).count();
        outcomes.forEach(outcome -> context.out().println((outcome.passed() ? "ok   " : "FAIL ") + outcome.message()));
        if (failed > 0) {
            throw new CheckFailedException(failed + " of " + outcomes.size() + " checks failed on " + file);
        }
        context.out().println(outcomes.size() + " checks passed on " + file);
    }
}

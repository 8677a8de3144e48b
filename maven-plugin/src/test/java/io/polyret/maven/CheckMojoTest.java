package io.polyret.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import io.polyret.reports.model.SettingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMojoTest {

    @TempDir
    Path directory;

    private Path evaluation;
    private double monoMapEn;
    private double monoMapDe;
    private double multiRecallEn;
    private double multiRecallDe;

    /** A result with random metric values: xquad-r (LAReQA, two languages) and miracl (nDCG only). */
    @BeforeEach
    void writeResult() {
        Random random = new Random(7);
        monoMapEn = 0.5 + 0.4 * random.nextDouble();
        monoMapDe = 0.5 + 0.4 * random.nextDouble();
        multiRecallEn = 0.5 + 0.4 * random.nextDouble();
        multiRecallDe = 0.5 + 0.4 * random.nextDouble();
        List<SettingResult> rows = new ArrayList<>(List.of(
                new SettingResult(SettingResult.MONOLINGUAL, "en", "en", Map.of("map", monoMapEn, "recall@1", 0.5), 10, 0),
                new SettingResult(SettingResult.MONOLINGUAL, "de", "de", Map.of("map", monoMapDe, "recall@1", 0.4), 10, 0),
                new SettingResult(SettingResult.MULTILINGUAL, "en", "all", Map.of("map", 0.4, "recall@10", multiRecallEn), 10, 0),
                new SettingResult(SettingResult.MULTILINGUAL, "de", "all", Map.of("map", 0.3, "recall@10", multiRecallDe), 10, 0)));
        BenchmarkResult xquad = new BenchmarkResult("xquad-r", BenchmarkResult.PROTOCOL_LAREQA, List.of("en", "de"), rows,
                Map.of("en", 200.0, "de", 260.0), 230.0, Map.of("en", 10, "de", 10), Map.of("en", 12, "de", 12));
        BenchmarkResult miracl = new BenchmarkResult("miracl", BenchmarkResult.PROTOCOL_MIRACL, List.of("sw"),
                List.of(new SettingResult(SettingResult.MONOLINGUAL, "sw", "sw", Map.of("ndcg@10", 0.41), 5, 0)),
                null, null, null, null);
        evaluation = directory.resolve("evaluation.json");
        EvaluationResultJson.write(EvaluationResult.of("hybrid", List.of(xquad, miracl), null, null), evaluation);
    }

    private CheckMojo mojo(List<String> minimums, Double maxRankDistance) {
        CheckMojo mojo = new CheckMojo();
        mojo.evaluationFile = evaluation.toFile();
        mojo.minimums = minimums;
        mojo.maxRankDistance = maxRankDistance;
        return mojo;
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.4f", value);
    }

    @Test
    void passesWhenEveryThresholdHolds() {
        double monoMacro = (monoMapEn + monoMapDe) / 2;
        CheckMojo mojo = mojo(List.of("xquad-r:monolingual/map=" + (monoMacro - 0.001),
                "multilingual/recall@10/de=" + multiRecallDe, "miracl:monolingual/ndcg@10=0.4"), 230.0);
        assertDoesNotThrow(mojo::execute);
    }

    @Test
    void failureListsEveryViolation() {
        double monoMacro = (monoMapEn + monoMapDe) / 2;
        CheckMojo mojo = mojo(List.of(
                "xquad-r:monolingual/map=" + (monoMacro + 0.001),        // 1: macro just below
                "multilingual/recall@10/en=" + (multiRecallEn + 0.01),   // 2: one language below
                "monolingual/map=0.1",                                   // xquad-r passes, 3: miracl has no map
                "cross-lingual/map=0.1",                                 // 4: no benchmark has the setting
                "mlqa-r:monolingual/map=0.1"), 229.0);                   // 5: unknown benchmark; 6: bias too high
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        String message = failure.getMessage();
        List<String> violations = message.lines().filter(line -> line.startsWith("  - ")).toList();
        assertEquals(6, violations.size(), message);
        assertTrue(message.contains("6 of 7 checks failed"), message);
        assertTrue(message.contains("xquad-r monolingual map (macro average) = " + format(monoMacro) + " < minimum "
                + format(monoMacro + 0.001)), message);
        assertTrue(message.contains("xquad-r multilingual recall@10 (en queries) = " + format(multiRecallEn)), message);
        assertTrue(message.contains("miracl monolingual map (macro average): not in the result"), message);
        assertTrue(message.contains("cross-lingual/map=0.1000: no benchmark has the setting 'cross-lingual'"), message);
        assertTrue(message.contains("no benchmark 'mlqa-r' (has: xquad-r, miracl)"), message);
        assertTrue(message.contains("rank distance (language bias, macro average) = 230.0000 > maximum 229.0000"), message);
    }

    @Test
    void haltOnFailureFalseOnlyWarns() {
        CheckMojo mojo = mojo(List.of("monolingual/map=0.99"), 1.0);
        mojo.haltOnFailure = false;
        assertDoesNotThrow(mojo::execute);
    }

    @Test
    void benchmarkFilterRestrictsTheGate() {
        CheckMojo mojo = mojo(List.of("monolingual/map=0.1"), null);
        mojo.benchmark = "xquad-r";
        assertDoesNotThrow(mojo::execute); // miracl, which lacks map, is not checked
        mojo.benchmark = "tydi";
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().contains("no benchmark 'tydi'"), failure.getMessage());
    }

    @Test
    void malformedRuleIsQuoted() {
        MojoFailureException failure = assertThrows(MojoFailureException.class,
                mojo(List.of("monolingual map >= 0.7"), null)::execute);
        assertTrue(failure.getMessage().contains("'monolingual map >= 0.7'"), failure.getMessage());
        failure = assertThrows(MojoFailureException.class, mojo(List.of("monolingual/map=high"), null)::execute);
        assertTrue(failure.getMessage().contains("'high' is not a number"), failure.getMessage());
        failure = assertThrows(MojoFailureException.class, mojo(List.of(), -3.0)::execute);
        assertTrue(failure.getMessage().contains("-3.0"), failure.getMessage());
    }

    @Test
    void missingOrBrokenEvaluationFileFailsNamingIt() throws IOException {
        CheckMojo mojo = mojo(List.of("monolingual/map=0.1"), null);
        mojo.evaluationFile = directory.resolve("none.json").toFile();
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().contains("none.json"), failure.getMessage());

        Path broken = directory.resolve("broken.json");
        Files.writeString(broken, "{\"schema_version\": 1, \"run_name\": ");
        mojo.evaluationFile = broken.toFile();
        failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().contains("broken.json"), failure.getMessage());
    }

    @Test
    void skipsLeaveEverythingUnchecked() {
        CheckMojo mojo = mojo(List.of("monolingual/map=0.99"), null);
        mojo.evaluationFile = directory.resolve("none.json").toFile();
        mojo.skipCheck = true;
        assertDoesNotThrow(mojo::execute);
        mojo.skipCheck = false;
        mojo.skip = true;
        assertDoesNotThrow(mojo::execute);
    }

    @Test
    void noThresholdsChecksNothing() {
        CheckMojo mojo = mojo(null, null);
        mojo.evaluationFile = directory.resolve("none.json").toFile();
        assertDoesNotThrow(mojo::execute);
    }
}

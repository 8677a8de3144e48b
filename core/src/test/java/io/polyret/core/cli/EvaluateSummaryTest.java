package io.polyret.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.SettingResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluateSummaryTest {

    @Test
    void lareqaSummaryNamesMapPerSettingAndRankDistance() {
        BenchmarkResult b = new BenchmarkResult("xquad-r", BenchmarkResult.PROTOCOL_LAREQA, List.of("de", "en"),
                List.of(new SettingResult(SettingResult.MONOLINGUAL, "de", "de", Map.of("map", 0.5), 10, 0),
                        new SettingResult(SettingResult.MONOLINGUAL, "en", "en", Map.of("map", 0.7), 10, 0)),
                Map.of("de", 3.0, "en", 5.0), 4.0, Map.of("de", 10, "en", 10), Map.of("de", 12, "en", 12));
        assertEquals("xquad-r: monolingual mAP 0.6000, rank distance 4.00", EvaluateEngine.summary(b));
    }

    @Test
    void miraclSummaryPrintsTheMetricsItHas() {
        BenchmarkResult b = new BenchmarkResult("miracl-sw", BenchmarkResult.PROTOCOL_MIRACL, List.of("sw"),
                List.of(new SettingResult(SettingResult.MONOLINGUAL, "sw", "sw",
                        Map.of("ndcg@10", 0.25, "recall@100", 0.5), 4, 0)),
                Map.of(), null, Map.of("sw", 4), Map.of("sw", 40));
        assertEquals("miracl-sw: ndcg@10 0.2500, recall@100 0.5000", EvaluateEngine.summary(b));
    }
}

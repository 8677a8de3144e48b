package io.polyret.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code polyret check} on real result files. */
class CheckCommandTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path result;

    @BeforeEach
    void writeResult() {
        // Monolingual mAP: en 0.70, zh 0.61 -> macro 0.655; rank distance macro 13.25.
        result = ReportEngineTest.write(directory.resolve("evaluation.json"), "hybrid", 0.70);
    }

    private int run(String... args) {
        return new PolyretCli(Engines.ofThisBuild()).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void passingGateExitsZero() {
        assertEquals(ExitCode.SUCCESS, run("check", "--input", result.toString(), "--minimum", "monolingual/map=0.65",
                "--minimum", "cross-lingual/map/en=0.52,multilingual/recall@10=0.78", "--max-rank-distance", "13.25"),
                err.toString(StandardCharsets.UTF_8));
        List<String> lines = outLines();
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("ok   polyret-demo monolingual map (macro average) = 0.6550"), lines.get(0));
        assertEquals("4 checks passed on " + result, lines.get(4));
    }

    @Test
    void violationsExitOneAndAreAllListed() {
        assertEquals(ExitCode.FAILURE, run("check", "--input", result.toString(), "--minimum", "monolingual/map=0.66",
                "--minimum", "monolingual/map/zh=0.6", "--minimum", "polyret-demo:multilingual/ndcg@10=0.5",
                "--max-rank-distance", "13"));
        List<String> fails = outLines().stream().filter(line -> line.startsWith("FAIL ")).toList();
        assertEquals(3, fails.size(), outLines().toString());
        assertTrue(fails.get(0).contains("= 0.6550 < minimum 0.6600"), fails.get(0));
        assertTrue(fails.get(1).contains("multilingual ndcg@10 (macro average): not in the result"), fails.get(1));
        assertTrue(fails.get(2).contains("= 13.2500 > maximum 13.0000"), fails.get(2));
        String error = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, error.lines().count(), error);
        assertTrue(error.startsWith("polyret check: failed: 3 of 4 checks failed"), error);
    }

    @Test
    void badInputExitsTwo() {
        assertEquals(ExitCode.USAGE, run("check", "--input", directory.resolve("none.json").toString(),
                "--minimum", "monolingual/map=0.5"));
        assertEquals(ExitCode.USAGE, run("check", "--input", result.toString(), "--minimum", "map>0.5"));
        assertEquals(ExitCode.USAGE, run("check", "--input", result.toString()));
        assertEquals(ExitCode.USAGE, run("check", "--input", result.toString(), "--max-rank-distance", "-1"));
        List<String> errors = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("none.json"), errors.get(0));
        assertTrue(errors.get(1).contains("'map>0.5'"), errors.get(1));
        assertTrue(errors.get(2).contains("nothing to check"), errors.get(2));
        assertTrue(errors.get(3).contains("'-1'"), errors.get(3));
    }

    @Test
    void referenceWithinToleranceExitsZeroAndBeyondItExitsOne() {
        Path same = ReportEngineTest.write(directory.resolve("cpu.json"), "cpu", 0.70004);
        assertEquals(ExitCode.SUCCESS, run("check", "--input", result.toString(), "--reference", same.toString()),
                err.toString(StandardCharsets.UTF_8));
        List<String> lines = outLines();
        assertTrue(lines.get(0).startsWith("ok   polyret-demo: 12 metric values, max |difference| 4.00e-05"), lines.get(0));
        assertTrue(lines.get(0).contains("monolingual en->en map"), lines.get(0));
        assertTrue(lines.get(1).startsWith("ok   polyret-demo: rank distance of 2 languages, max relative difference 0"),
                lines.get(1));

        out.reset();
        Path off = ReportEngineTest.write(directory.resolve("gpu.json"), "gpu", 0.7003);
        assertEquals(ExitCode.FAILURE, run("check", "--input", result.toString(), "--reference", off.toString()));
        assertTrue(outLines().get(0).startsWith("FAIL polyret-demo: 12 metric values, max |difference| 0.000300"),
                outLines().toString());
        out.reset();
        assertEquals(ExitCode.SUCCESS, run("check", "--input", result.toString(), "--reference", off.toString(),
                "--tolerance", "0.001"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void referenceErrorsExitTwo() {
        assertEquals(ExitCode.USAGE, run("check", "--input", result.toString(), "--reference",
                directory.resolve("missing.json").toString()));
        assertEquals(ExitCode.USAGE, run("check", "--input", result.toString(), "--tolerance", "0.1"));
        List<String> errors = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("missing.json"), errors.get(0));
        assertTrue(errors.get(1).contains("tolerance applies to --reference"), errors.get(1));
    }
}

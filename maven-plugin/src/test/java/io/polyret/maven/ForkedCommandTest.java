package io.polyret.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.cli.ExitCode;
import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import io.polyret.reports.model.SettingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real forked JVM running the {@code polyret} command line, as the train and evaluate goals do. */
class ForkedCommandTest {

    @TempDir
    Path directory;

    @Test
    void commandLineCarriesHeapJavaCppLimitAndJvmArguments() {
        List<String> line = new ForkedCommand("train", "3g", List.of("-XX:+UseSerialGC"), 0, true, null)
                .commandLine(Path.of("s.json"));
        assertTrue(line.contains("-Xmx3g"), line.toString());
        assertTrue(line.contains("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"), line.toString());
        assertTrue(line.indexOf("-XX:+UseSerialGC") < line.indexOf("io.polyret.core.cli.PolyretCli"), line.toString());
        assertEquals(List.of("train", "--config", "s.json", "--verbose"), line.subList(line.size() - 4, line.size()));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ForkedCommand("train", "lots", List.of(), 0, false, null));
        assertTrue(error.getMessage().contains("'lots'"), error.getMessage());
    }

    @Test
    void forkedReportWritesItsFilesAndBadInputIsExitCodeTwo() throws Exception {
        Path evaluation = directory.resolve("evaluation.json");
        EvaluationResultJson.write(EvaluationResult.of("hybrid", List.of(new BenchmarkResult("polyret-demo", "lareqa",
                List.of("en"), List.of(new SettingResult("monolingual", "en", "en", Map.of("map", 0.5), 10, 0)),
                null, null, null, null)), null, null), evaluation);
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        settings.putArray("results").add(evaluation.toString());
        settings.put("outputDir", directory.resolve("report").toString());
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        ForkedCommand fork = new ForkedCommand("report", "256m", List.of(), 120, false, directory.toFile());
        fork.run(settings, out::add, out::add);
        assertTrue(Files.readString(directory.resolve("report/report.html")).contains("polyret-demo"));
        assertTrue(out.stream().anyMatch(line -> line.startsWith("wrote ") && line.endsWith("report.html")), out.toString());

        settings.put("formats", "pdf");
        ForkedCommand.Failure failure = assertThrows(ForkedCommand.Failure.class,
                () -> fork.run(settings, line -> { }, line -> { }));
        assertEquals(ExitCode.USAGE, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("polyret report: ") && failure.getMessage().contains("'pdf'"),
                failure.getMessage());
    }
}

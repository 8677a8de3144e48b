package io.polyret.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.cli.CommandEngine;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoalsTest {

    @TempDir
    Path directory;

    private static <T extends AbstractPolyretMojo> T recording(T mojo, String command, AtomicReference<ObjectNode> received) {
        if (mojo instanceof AbstractForkingMojo forking) {
            forking.fork = false;
        }
        mojo.engines = new HashMap<>(mojo.engines);
        mojo.engines.put(command, (settings, context) -> received.set(settings));
        return mojo;
    }

    @Test
    void unwiredGoalsFailSayingSo() {
        List<AbstractForkingMojo> goals = List.of(new TrainMojo(), new EvaluateMojo(), new ExportMojo());
        for (AbstractForkingMojo goal : goals) {
            goal.fork = false;
            goal.engines = new HashMap<>(goal.engines);
            goal.engines.put(goal.goal(), CommandEngine.notAvailable(goal.goal()));
            MojoFailureException failure = assertThrows(MojoFailureException.class, goal::execute);
            assertEquals("polyret:" + goal.goal() + " is not available yet in this build", failure.getMessage());
        }
    }

    @Test
    void trainMapsParametersOverTheConfigFile() throws Exception {
        Path config = directory.resolve("train.json");
        Files.writeString(config, "{\"batchSize\": 8, \"steps\": 100, \"sampling\": \"x-y\"}");
        AtomicReference<ObjectNode> received = new AtomicReference<>();
        TrainMojo mojo = recording(new TrainMojo(), "train", received);
        mojo.configFile = config.toFile();
        mojo.trainData = List.of(new File("a.jsonl"), new File("b.jsonl"));
        mojo.baseModel = new File("xlmr-base");
        mojo.outputDir = new File("target/model");
        mojo.sampling = "hybrid";
        mojo.alpha = 0.5;
        mojo.batchSize = 32;
        mojo.seed = 42L;
        mojo.resume = true;
        mojo.execute();
        ObjectNode settings = received.get();
        assertEquals(32, settings.get("batchSize").intValue());
        assertTrue(settings.get("resume").booleanValue());
        assertEquals(100, settings.get("steps").intValue());
        assertEquals("hybrid", settings.get("sampling").asText());
        assertEquals(0.5, settings.get("alpha").doubleValue());
        assertEquals(42L, settings.get("seed").longValue());
        assertEquals("[\"a.jsonl\",\"b.jsonl\"]", settings.get("trainData").toString());
        assertEquals(new File("target/model").getPath(), settings.get("outputDir").asText());
        assertNull(settings.get("learningRate"));
    }

    @Test
    void evaluateAndReportShareTheEvaluationFile() throws Exception {
        File evaluation = directory.resolve("evaluation.json").toFile();
        AtomicReference<ObjectNode> evaluated = new AtomicReference<>();
        EvaluateMojo evaluate = recording(new EvaluateMojo(), "evaluate", evaluated);
        evaluate.model = new File("m");
        evaluate.data = new File("xquad-r");
        evaluate.languages = List.of("en", "de");
        evaluate.outputDir = directory.toFile();
        evaluate.execute();
        assertEquals(directory.toString(), evaluated.get().get("outputDir").asText());
        assertEquals("[\"en\",\"de\"]", evaluated.get().get("languages").toString());

        AtomicReference<ObjectNode> reported = new AtomicReference<>();
        ReportMojo report = recording(new ReportMojo(), "report", reported);
        report.evaluationFile = evaluation;
        report.outputDir = new File("site");
        report.execute();
        assertEquals("[\"" + evaluation.getPath().replace("\\", "\\\\") + "\"]", reported.get().get("results").toString());
        report.results = List.of(evaluation, new File("baseline.json"));
        report.execute();
        assertEquals(List.of(evaluation.getPath(), "baseline.json"),
                List.of(reported.get().get("results").get(0).asText(), reported.get().get("results").get(1).asText()));
        assertEquals("site", reported.get().get("outputDir").asText());
    }

    @Test
    void reportWritesTheReportFiles() throws Exception {
        Path evaluation = directory.resolve("evaluation.json");
        io.polyret.reports.model.EvaluationResultJson.write(io.polyret.reports.model.EvaluationResult.of("hybrid",
                List.of(new io.polyret.reports.model.BenchmarkResult("polyret-demo", "lareqa", List.of("en"),
                        List.of(new io.polyret.reports.model.SettingResult("monolingual", "en", "en",
                                java.util.Map.of("map", 0.75), 10, 0)), null, null, null, null)), null, null), evaluation);
        ReportMojo report = new ReportMojo();
        report.evaluationFile = evaluation.toFile();
        report.outputDir = directory.resolve("site").toFile();
        report.formats = List.of("html", "md");
        report.execute();
        assertTrue(Files.readString(directory.resolve("site/report.html")).contains("polyret-demo"));
        assertTrue(Files.isRegularFile(directory.resolve("site/summary.md")));
        assertTrue(!Files.exists(directory.resolve("site/results.csv")));

        report.evaluationFile = directory.resolve("none.json").toFile();
        MojoFailureException failure = assertThrows(MojoFailureException.class, report::execute);
        assertTrue(failure.getMessage().contains("none.json"), failure.getMessage());
    }

    @Test
    void skipFlagsPreventTheEngineFromRunning() throws Exception {
        AtomicReference<ObjectNode> received = new AtomicReference<>();
        ExportMojo export = recording(new ExportMojo(), "export", received);
        export.skipExport = true;
        export.execute();
        export.skipExport = false;
        export.skip = true;
        export.execute();
        assertNull(received.get());
        export.skip = false;
        export.execute();
        assertTrue(received.get() != null);
    }

    @Test
    void engineErrorsBecomeFailuresOrErrors() {
        TrainMojo badInput = new TrainMojo();
        badInput.fork = false;
        badInput.engines = new HashMap<>(badInput.engines);
        badInput.engines.put("train", (settings, context) -> {
            throw new IllegalArgumentException("batchSize must be >= 2, got -1");
        });
        MojoFailureException failure = assertThrows(MojoFailureException.class, badInput::execute);
        assertEquals("polyret:train: batchSize must be >= 2, got -1", failure.getMessage());

        TrainMojo broken = new TrainMojo();
        broken.fork = false;
        broken.engines = new HashMap<>(broken.engines);
        broken.engines.put("train", (CommandEngine) (settings, context) -> {
            throw new IOException("disk full");
        });
        MojoExecutionException error = assertThrows(MojoExecutionException.class, broken::execute);
        assertTrue(error.getMessage().contains("disk full"), error.getMessage());
    }

    @Test
    void forkedEvaluateWithBadInputFailsTheBuildNamingTheParameter() {
        EvaluateMojo evaluate = new EvaluateMojo();
        evaluate.model = directory.resolve("no-model").toFile();
        evaluate.data = directory.toFile();
        evaluate.outputDir = directory.resolve("out").toFile();
        evaluate.jvmHeap = "256m";
        evaluate.timeout = 120;
        MojoFailureException failure = assertThrows(MojoFailureException.class, evaluate::execute);
        assertTrue(failure.getMessage().startsWith("polyret:evaluate: polyret evaluate: model directory "),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("no-model"), failure.getMessage());
        assertTrue(!Files.exists(directory.resolve("out")), "nothing written");

        evaluate.jvmHeap = "lots";
        MojoFailureException badHeap = assertThrows(MojoFailureException.class, evaluate::execute);
        assertTrue(badHeap.getMessage().contains("jvmHeap"), badHeap.getMessage());
    }

    @Test
    void badConfigFileFailsNamingIt() {
        TrainMojo mojo = new TrainMojo();
        mojo.configFile = directory.resolve("missing.json").toFile();
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().contains("missing.json"), failure.getMessage());
    }
}

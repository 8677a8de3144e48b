package io.polyret.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code polyret bench}: settings become the benchmark programs' arguments; bad ones are refused first. */
class BenchEngineTest {

    private static ObjectNode settings(String suite) {
        return JsonNodeFactory.instance.objectNode().put("suite", suite);
    }

    @Test
    void settingsMapToTheProgramsArguments() {
        assertEquals(List.of("--config", "SMALL", "--steps", "5", "--threads", "2"),
                BenchEngine.arguments("train-step", settings("train-step").put("size", "small").put("iterations", 5)
                        .put("threads", 2)));
        assertEquals(List.of("--config", "TINY"), BenchEngine.arguments("train-step", settings("train-step")));
        assertEquals(List.of("--repeats", "2"), BenchEngine.arguments("evaluation", settings("evaluation").put("iterations", 2)));
        assertEquals(List.of("--batches", "7"), BenchEngine.arguments("sampler", settings("sampler").put("iterations", 7)));
    }

    @Test
    void settingsThatDoNotApplyAreBadUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new PolyretCli(Engines.ofThisBuild()).run(new String[] {"bench", "--suite", "sampler", "--size", "base"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertEquals(ExitCode.USAGE, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("size applies to the train-step suite only"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BenchEngine.arguments("sampler", settings("sampler").put("threads", 2)));
        assertTrue(error.getMessage().contains("threads"), error.getMessage());
    }
}

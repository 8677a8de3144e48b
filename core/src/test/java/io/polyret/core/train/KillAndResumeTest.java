package io.polyret.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.sampling.Triplet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed hard in a child JVM and resumed from its checkpoint ends with the same weights and
 * the same log lines as a run that never stopped.
 */
class KillAndResumeTest {
  static final long N = 6;

  @TempDir Path tmp;

  static TrainingConfig config(Path out) {
    // Dropout on and a linear schedule: resuming must restore the step-dependent parts exactly.
    return TinyFixture.config(out).steps(2 * N).checkpointEvery(N).validateEvery(4).warmupSteps(3).build();
  }

  static List<Triplet> data() {
    return TinyFixture.triplets(40, 21, true); // 5 batches per epoch: the resume crosses an epoch
  }

  static List<Triplet> validation() {
    return TinyFixture.triplets(8, 22, true);
  }

  @Test
  void resumedRunMatchesUninterruptedRun() throws Exception {
    Path straight = tmp.resolve("straight");
    TrainerTest.train(config(straight), data(), validation());

    Path resumed = tmp.resolve("resumed");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), ResumeChild.class.getName(), resumed.toString(),
                Long.toString(N))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child.log").toFile())
            .start();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child did not finish");
    assertEquals(77, child.exitValue(), "child output:\n" + Files.readString(tmp.resolve("child.log")));
    // The killed run logged step N + 1 but checkpointed only up to N.
    assertTrue(stepsOf(resumed, "train").contains(N + 1));
    assertEquals(N, new CheckpointManager(resumed.resolve("checkpoints")).list().lastKey());

    TrainingResult r = TrainerTest.train(config(resumed).toBuilder().resume(true).build(), data(), validation());
    assertEquals(2 * N, r.stepsCompleted());

    Map<String, float[]> a = TinyFixture.weights(straight.resolve("checkpoints/step-000000012"), config(straight).encoder());
    Map<String, float[]> b = TinyFixture.weights(r.lastCheckpoint(), config(resumed).encoder());
    double maxDiff = 0;
    for (String name : a.keySet()) {
      float[] x = a.get(name);
      float[] y = b.get(name);
      for (int i = 0; i < x.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(x[i] - y[i]));
      }
    }
    assertTrue(maxDiff < 1e-6, "max weight difference " + maxDiff);

    List<JsonNode> expected = comparable(straight);
    List<JsonNode> actual = comparable(resumed);
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), "log line " + i);
    }
    assertTrue(expected.stream().anyMatch(n -> n.get("step").asLong() > N && n.get("type").asText().equals("validation")));
  }

  private static List<Long> stepsOf(Path out, String type) throws IOException {
    List<Long> steps = new ArrayList<>();
    for (JsonNode n : TrainerTest.logLines(out)) {
      if (n.get("type").asText().equals(type)) {
        steps.add(n.get("step").asLong());
      }
    }
    return steps;
  }

  /** Log lines after the resume point without timing fields, checkpoint paths relative to the run. */
  private static List<JsonNode> comparable(Path out) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (JsonNode n : TrainerTest.logLines(out)) {
      ObjectNode o = ((ObjectNode) n).deepCopy();
      o.remove(List.of("elapsed_s", "examples_per_s"));
      if (o.has("path")) {
        o.put("path", out.relativize(Path.of(o.get("path").asText())).toString());
      }
      lines.add(o);
    }
    return lines;
  }
}

package io.polyret.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyret.core.sampling.Triplet;
import io.polyret.models.encoder.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end training runs of the tiny model. */
class TrainerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  static TrainingResult train(TrainingConfig config, List<Triplet> data, List<Triplet> validation) throws IOException {
    return Trainer.builder(config)
        .tokenizer(new TinyFixture.WordTokenizer())
        .sampler(TinyFixture.sampler(data, config))
        .validation(validation)
        .build()
        .train();
  }

  static List<JsonNode> logLines(Path out) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(out.resolve(TrainingLog.FILE_NAME))) {
      lines.add(JSON.readTree(l));
    }
    return lines;
  }

  static List<Double> losses(Path out) throws IOException {
    List<Double> l = new ArrayList<>();
    for (JsonNode n : logLines(out)) {
      if (n.get("type").asText().equals("train")) {
        l.add(n.get("loss").asDouble());
      }
    }
    return l;
  }

  @Test
  void learnsTranslationAndRetrievesHeldOutPairs() throws IOException {
    List<Triplet> data = TinyFixture.triplets(240, 1, false);
    List<Triplet> validation = TinyFixture.triplets(16, 2, false);
    List<Triplet> heldOut = TinyFixture.triplets(40, 3, false);
    Path out = tmp.resolve("learn");
    TrainingConfig config =
        TinyFixture.config(out).batchSize(16).learningRate(3e-3).steps(150).warmupSteps(10).validateEvery(50).build();
    TrainingResult result = train(config, data, validation);

    List<Double> losses = losses(out);
    assertEquals(150, losses.size());
    double first = losses.subList(0, 10).stream().mapToDouble(d -> d).average().orElseThrow();
    double last = losses.subList(140, 150).stream().mapToDouble(d -> d).average().orElseThrow();
    assertTrue(last < 0.5 * first, "loss fell from " + first + " to " + last);

    List<String> queries = new ArrayList<>();
    List<String> passages = new ArrayList<>();
    for (Triplet t : heldOut) {
      queries.add("Query: " + t.query());
      passages.add("Passage: " + t.positive());
    }
    float[][] q = TinyFixture.embed(result.bestCheckpoint(), config.encoder(), Pooling.MEAN, queries);
    float[][] p = TinyFixture.embed(result.bestCheckpoint(), config.encoder(), Pooling.MEAN, passages);
    int correct = 0;
    for (int i = 0; i < q.length; i++) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < p.length; j++) {
        double s = 0;
        for (int k = 0; k < q[i].length; k++) {
          s += q[i][k] * p[j][k];
        }
        if (s > bestScore) {
          bestScore = s;
          best = j;
        }
      }
      correct += best == i ? 1 : 0;
    }
    double top1 = correct / (double) q.length;
    // Chance is 1/40 = 0.025.
    assertTrue(top1 >= 0.4, "top-1 on held-out pairs: " + top1);

    // The log has every record type with the field names the reports module reads.
    List<JsonNode> lines = logLines(out);
    JsonNode train = lines.get(0);
    for (String f : List.of("type", "step", "epoch", "loss", "lr", "grad_norm", "examples_per_s", "elapsed_s",
        "batch_kind", "dataset", "query_languages", "passage_languages")) {
      assertTrue(train.has(f), "train line lacks " + f + ": " + train);
    }
    assertEquals(16, train.get("query_languages").get("xx").asInt());
    assertEquals("PLAIN", train.get("batch_kind").asText());
    assertTrue(lines.stream().anyMatch(n -> n.get("type").asText().equals("validation") && n.has("val_loss")
        && n.has("best")));
    assertTrue(lines.stream().anyMatch(n -> n.get("type").asText().equals("checkpoint") && n.has("path")));
    assertEquals(150, result.stepsCompleted());
    assertTrue(Files.isRegularFile(result.bestCheckpoint().resolve(CheckpointManager.MANIFEST)));
  }

  @Test
  void sameSeedSameLossesDifferentSeedDifferent() throws IOException {
    List<Triplet> data = TinyFixture.triplets(48, 4, true);
    TrainingConfig a = TinyFixture.config(tmp.resolve("a")).steps(12).loss("paper").symmetric(true).build();
    TrainingConfig b = a.toBuilder().outputDir(tmp.resolve("b")).build();
    TrainingConfig c = a.toBuilder().outputDir(tmp.resolve("c")).seed(8).build();
    train(a, data, List.of());
    train(b, data, List.of());
    train(c, data, List.of());
    List<Double> la = losses(tmp.resolve("a"));
    assertEquals(12, la.size());
    assertEquals(la, losses(tmp.resolve("b")), "same seed, same losses step for step");
    assertNotEquals(la, losses(tmp.resolve("c")));
    Map<String, float[]> wa = TinyFixture.weights(tmp.resolve("a/checkpoints/step-000000012"), a.encoder());
    Map<String, float[]> wb = TinyFixture.weights(tmp.resolve("b/checkpoints/step-000000012"), a.encoder());
    for (String name : wa.keySet()) {
      assertTrue(java.util.Arrays.equals(wa.get(name), wb.get(name)), name);
    }
  }

  @Test
  void nonFiniteLossStopsNamingTheStepAndKeepsTheLastCheckpoint() throws IOException {
    List<Triplet> data = TinyFixture.triplets(48, 5, false);
    Path out = tmp.resolve("diverge");
    TrainingConfig config =
        TinyFixture.config(out).learningRate(1e30).schedule("constant").maxGradNorm(0).steps(30).checkpointEvery(1)
            .build();
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> train(config, data, List.of()));
    assertTrue(e.getMessage().contains("step " + e.step()), e.getMessage());
    assertTrue(e.step() >= 2, "step 1 runs from finite weights: " + e.getMessage());
    Path last = new CheckpointManager(out.resolve("checkpoints")).pathOf(e.step() - 1);
    assertTrue(e.getMessage().contains(last.toString()), e.getMessage());
    CheckpointManager.verify(last);
    assertFalse(Files.exists(new CheckpointManager(out.resolve("checkpoints")).pathOf(e.step())));
  }

  @Test
  void unwritableOutputDirectoryFailsBeforeTraining() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    TrainingConfig config = TinyFixture.config(file.resolve("out")).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> train(config, TinyFixture.triplets(16, 1, false), List.of()));
    assertTrue(e.getMessage().contains("output") && e.getMessage().contains("not-a-dir"), e.getMessage());
  }

  @Test
  void corruptedCheckpointIsRefusedAndAnOlderValidOneUsed() throws IOException {
    List<Triplet> data = TinyFixture.triplets(48, 6, false);
    List<Triplet> validation = TinyFixture.triplets(8, 9, false);
    Path out = tmp.resolve("corrupt");
    // validate every 2 steps, lr rising: the checkpoints kept are the latest and the best.
    TrainingConfig config = TinyFixture.config(out).steps(6).validateEvery(2).build();
    train(config, data, validation);
    CheckpointManager cm = new CheckpointManager(out.resolve("checkpoints"));
    Path latest = cm.pathOf(6);
    assertTrue(Files.isDirectory(latest));
    assertTrue(cm.list().size() <= 2, "only latest and best are kept: " + cm.list());

    // Flip bytes in the data file: refused, naming the file.
    Path data0 = latest.resolve("model.data-00000-of-00001");
    byte[] original = Files.readAllBytes(data0);
    byte[] bytes = original.clone();
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(data0, bytes);
    InvalidCheckpointException flipped = assertThrows(InvalidCheckpointException.class, () -> CheckpointManager.verify(latest));
    assertTrue(flipped.getMessage().contains("model.data-00000-of-00001"), flipped.getMessage());

    List<String> warnings = new ArrayList<>();
    var found = cm.latestValid(warnings::add);
    assertEquals(1, warnings.size());
    if (cm.list().size() == 2) {
      assertTrue(found.isPresent());
      assertTrue(found.get().state().step() < 6);
    }

    // Truncated manifest: refused, naming the manifest.
    Path manifest = latest.resolve(CheckpointManager.MANIFEST);
    byte[] m = Files.readAllBytes(manifest);
    Files.write(manifest, java.util.Arrays.copyOf(m, m.length / 2));
    InvalidCheckpointException truncated = assertThrows(InvalidCheckpointException.class, () -> CheckpointManager.verify(latest));
    assertTrue(truncated.getMessage().contains(CheckpointManager.MANIFEST), truncated.getMessage());

    // Missing file.
    Files.write(data0, original);
    Files.write(manifest, m);
    CheckpointManager.verify(latest);
    Files.delete(latest.resolve("model.index"));
    InvalidCheckpointException missing = assertThrows(InvalidCheckpointException.class, () -> CheckpointManager.verify(latest));
    assertTrue(missing.getMessage().contains("model.index"), missing.getMessage());

    // With every checkpoint broken, resuming fails clearly.
    for (Path dir : cm.list().values()) {
      Files.delete(dir.resolve(CheckpointManager.MANIFEST));
    }
    TrainingConfig resume = config.toBuilder().resume(true).steps(8).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> train(resume, data, validation));
    assertTrue(e.getMessage().contains("manifest"), e.getMessage());

    // Without resume, an output directory holding checkpoints is refused.
    IllegalStateException noResume = assertThrows(IllegalStateException.class, () -> train(config, data, validation));
    assertTrue(noResume.getMessage().contains("resume"), noResume.getMessage());
  }

  @Test
  void earlyStoppingKeepsTheBestCheckpoint() throws IOException {
    List<Triplet> data = TinyFixture.triplets(48, 12, false);
    List<Triplet> validation = TinyFixture.triplets(8, 13, false);
    Path out = tmp.resolve("early");
    // A rate far too high for this model makes the validation loss stall and bounce.
    TrainingConfig config = TinyFixture.config(out).learningRate(0.3).schedule("constant").steps(40).validateEvery(1)
        .patience(2).build();
    TrainingResult r = train(config, data, validation);
    assertTrue(r.stoppedEarly(), "expected early stop, ran " + r.stepsCompleted());
    assertTrue(r.stepsCompleted() < 40);
    List<JsonNode> validations = logLines(out).stream().filter(n -> n.get("type").asText().equals("validation")).toList();
    double min = validations.stream().mapToDouble(n -> n.get("val_loss").asDouble()).min().orElseThrow();
    assertEquals(min, r.bestValidationLoss(), 1e-6);
    JsonNode last = validations.get(validations.size() - 1);
    JsonNode beforeLast = validations.get(validations.size() - 2);
    assertFalse(last.get("best").asBoolean());
    assertFalse(beforeLast.get("best").asBoolean());
    CheckpointManager cm = new CheckpointManager(out.resolve("checkpoints"));
    assertEquals(java.util.Set.of(r.bestStep(), r.stepsCompleted()), cm.list().keySet());
    assertEquals(cm.pathOf(r.bestStep()), r.bestCheckpoint());
    assertEquals(r.bestValidationLoss(), CheckpointManager.verify(r.bestCheckpoint()).state().bestValidationLoss(), 1e-9);
  }

  @Test
  void epochsSetTheRunLengthAndResumeExtendsIt() throws IOException {
    List<Triplet> data = TinyFixture.triplets(20, 14, false); // 2 full batches of 8 per epoch
    Path out = tmp.resolve("epochs");
    TrainingConfig config = TinyFixture.config(out).steps(0).epochs(2).warmupSteps(-1).build();
    TrainingResult r = train(config, data, List.of());
    assertEquals(4, r.stepsCompleted());
    List<JsonNode> train = logLines(out).stream().filter(n -> n.get("type").asText().equals("train")).toList();
    assertEquals(List.of(0L, 0L, 1L, 1L), train.stream().map(n -> n.get("epoch").asLong()).toList());
    // Resuming with a longer run continues from step 4.
    TrainingResult more = train(config.toBuilder().epochs(3).resume(true).build(), data, List.of());
    assertEquals(6, more.stepsCompleted());
    assertEquals(6, logLines(out).stream().filter(n -> n.get("type").asText().equals("train")).count());
    // A resume that would train a different model is refused, naming the field.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> train(config.toBuilder().epochs(4).resume(true).temperature(0.1).build(), data, List.of()));
    assertTrue(e.getMessage().contains("temperature"), e.getMessage());
  }
}

package io.polyret.reports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogReaderTest {
  @TempDir Path dir;

  static final String TRAIN_1 = "{\"type\":\"train\",\"step\":1,\"epoch\":0,\"loss\":2.5,"
      + "\"lr\":1e-5,\"grad_norm\":1.5,\"examples_per_s\":40.0,\"elapsed_s\":0.8,"
      + "\"batch_kind\":\"MONOLINGUAL\",\"dataset\":\"demo\","
      + "\"query_languages\":{\"de\":4},\"passage_languages\":{\"de\":4}}";
  static final String TRAIN_2 = "{\"type\":\"train\",\"step\":2,\"epoch\":0,\"loss\":2.0,"
      + "\"lr\":2e-5,\"batch_kind\":\"CROSS_LINGUAL\",\"dataset\":\"demo\","
      + "\"query_languages\":{\"de\":2,\"en\":2},\"passage_languages\":{\"en\":2,\"zh\":2}}";

  private Path log(String... lines) throws IOException {
    Path file = dir.resolve("run-a").resolve("training-log.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  @Test
  void readsAllKindsOfLines() throws IOException {
    TrainingRecord r = TrainingLogReader.read(log(TRAIN_1, "", TRAIN_2,
        "{\"type\":\"validation\",\"step\":2,\"val_loss\":1.9,\"best\":true}",
        "{\"type\":\"checkpoint\",\"step\":2,\"path\":\"ckpt/step-2\"}",
        "{\"type\":\"validation\",\"step\":4,\"val_loss\":2.1,\"best\":false}",
        "{\"type\":\"config\",\"anything\":1}"));
    assertEquals("run-a", r.runName());
    assertEquals(2, r.steps().size());
    assertEquals(1.5, r.steps().get(0).gradNorm());
    assertEquals(null, r.steps().get(1).gradNorm());
    assertEquals(2, r.validations().size());
    assertEquals(2, r.bestValidation().orElseThrow().step());
    assertEquals(List.of(new CheckpointEntry(2, "ckpt/step-2")), r.checkpoints());
    assertEquals(Map.of("MONOLINGUAL", 1L, "CROSS_LINGUAL", 1L), r.batchKindHistogram());
    assertEquals(List.of("MONOLINGUAL", "CROSS_LINGUAL"),
        List.copyOf(r.batchKindHistogram().keySet()));
    assertEquals(Map.of("de", 6L, "en", 2L), r.queryLanguageHistogram());
    assertEquals(Map.of("de", 4L, "en", 2L, "zh", 2L), r.passageLanguageHistogram());
    assertEquals(Map.of("demo", 2L), r.datasetHistogram());
  }

  private void assertBadLine(String expectedFragment, int line, String... lines)
      throws IOException {
    Path file = log(lines);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingLogReader.read(file));
    assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(expectedFragment), e.getMessage());
  }

  @Test
  void badLinesNameFileAndLine() throws IOException {
    assertBadLine("not valid JSON", 2, TRAIN_1, "{\"type\":\"train\",", TRAIN_2);
    assertBadLine("missing field 'loss'", 3, TRAIN_1, "",
        TRAIN_2.replace("\"loss\":2.0,", ""));
    assertBadLine("missing field 'type'", 1, "{\"step\":1}");
    assertBadLine("batch_kind must be one of", 2, TRAIN_1,
        TRAIN_2.replace("CROSS_LINGUAL", "SIDEWAYS"));
    assertBadLine("'step' must be a non-negative integer, got \"x\"", 1,
        "{\"type\":\"checkpoint\",\"step\":\"x\",\"path\":\"p\"}");
    assertBadLine("'query_languages.de' must be a non-negative integer", 1,
        TRAIN_1.replace("{\"de\":4}", "{\"de\":-1}"));
    assertBadLine("expected a JSON object", 1, "[1,2]");
    assertBadLine("'best' must be true or false", 1,
        "{\"type\":\"validation\",\"step\":2,\"val_loss\":1.9,\"best\":\"yes\"}");
  }

  @Test
  void writerOutputReadsBackIdentically() {
    Path file = dir.resolve("w/training-log.jsonl");
    TrainStep a = new TrainStep(1, 0, 2.5, 1e-5, 1.5, 40.0, 0.8, "MONOLINGUAL", "demo",
        Map.of("de", 4), Map.of("de", 4));
    TrainStep b = new TrainStep(2, 0, 2.0, 2e-5, null, null, null, "PLAIN", null,
        Map.of(), Map.of());
    ValidationPoint v = new ValidationPoint(2, 1.75, true);
    CheckpointEntry c = new CheckpointEntry(2, "ckpt/\"quoted\"");
    try (TrainingLogWriter w = TrainingLogWriter.create(file)) {
      w.train(a);
      w.validation(v);
    }
    try (TrainingLogWriter w = TrainingLogWriter.append(file)) {
      w.train(b);
      w.checkpoint(c);
    }
    TrainingRecord r = TrainingLogReader.read(file, "w");
    assertEquals(new TrainingRecord("w", List.of(a, b), List.of(v), List.of(c)), r);
  }

  @Test
  void lossScaledLinesCarryScaleAndSkipAndReadBack() throws IOException {
    Path file = dir.resolve("fp16/training-log.jsonl");
    TrainStep ok = new TrainStep(1, 0, 2.5, 1e-5, 1.5, 40.0, 0.8, "MONOLINGUAL", "demo",
        Map.of("de", 4), Map.of("de", 4));
    TrainStep overflow = new TrainStep(2, 0, 2.4, 1e-5, Double.POSITIVE_INFINITY, 40.0, 1.6,
        "MONOLINGUAL", "demo", Map.of("de", 4), Map.of("de", 4));
    try (TrainingLogWriter w = TrainingLogWriter.create(file)) {
      w.train(ok, 32768, false);
      w.train(overflow, 16384, true);
    }
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> lines = Files.readAllLines(file);
    com.fasterxml.jackson.databind.JsonNode first = json.readTree(lines.get(0));
    assertEquals(32768.0, first.get("loss_scale").asDouble());
    assertEquals(false, first.get("skipped").asBoolean());
    assertEquals(1.5, first.get("grad_norm").asDouble());
    com.fasterxml.jackson.databind.JsonNode second = json.readTree(lines.get(1));
    assertTrue(second.get("grad_norm").isNull(), "a skipped step has no gradient norm: " + second);
    assertTrue(second.get("skipped").asBoolean());
    TrainingRecord r = TrainingLogReader.read(file, "fp16");
    assertEquals(ok, r.steps().get(0));
    assertEquals(null, r.steps().get(1).gradNorm());
    assertEquals(2.4, r.steps().get(1).loss());
  }

  @Test
  void divergedRunIsReadWithNonFiniteValues() throws IOException {
    TrainingRecord r = TrainingLogReader.read(log(TRAIN_1,
        TRAIN_2.replace("\"loss\":2.0", "\"loss\":\"NaN\""),
        TRAIN_2.replace("\"step\":2", "\"step\":3").replace("\"loss\":2.0", "\"loss\":NaN"),
        "{\"type\":\"validation\",\"step\":3,\"val_loss\":\"Infinity\",\"best\":false}"));
    assertTrue(Double.isNaN(r.steps().get(1).loss()));
    assertTrue(Double.isNaN(r.steps().get(2).loss()));
    assertEquals(Double.POSITIVE_INFINITY, r.validations().get(0).valLoss());
    assertBadLine("'loss' must be a number, got \"high\"", 1,
        TRAIN_1.replace("\"loss\":2.5", "\"loss\":\"high\""));
  }

  @Test
  void everyWrittenFieldIsDeclaredInTheLogSchema() throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode schema;
    try (java.io.InputStream in = getClass().getResourceAsStream(
        "/io/polyret/reports/training-log-line.schema.json")) {
      schema = json.readTree(in);
    }
    Path file = dir.resolve("schema/training-log.jsonl");
    try (TrainingLogWriter w = TrainingLogWriter.create(file)) {
      w.train(new TrainStep(1, 0, 2.5, 1e-5, 1.5, 40.0, 0.8, "MONOLINGUAL", "demo",
          Map.of("de", 4), Map.of("de", 4)));
      w.validation(new ValidationPoint(1, 1.0, true));
      w.checkpoint(new CheckpointEntry(1, "c"));
    }
    try (TrainingLogWriter w = TrainingLogWriter.append(file)) {
      w.train(new TrainStep(2, 0, 2.5, 1e-5, 1.5, 40.0, 0.8, "MONOLINGUAL", "demo",
          Map.of("de", 4), Map.of("de", 4)), 1024, false);
    }
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < 4; i++) {
      com.fasterxml.jackson.databind.JsonNode declared =
          schema.get("oneOf").get(i % 3).get("properties");
      com.fasterxml.jackson.databind.JsonNode line = json.readTree(lines.get(i));
      assertEquals(declared.get("type").get("const").textValue(), line.get("type").textValue());
      line.fieldNames().forEachRemaining(f -> assertTrue(declared.has(f), "declared: " + f));
    }
  }
}

package io.polyret.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.model.LossMode;
import io.polyret.models.encoder.Pooling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingConfigTest {
  @TempDir Path tmp;

  private TrainingConfig.Builder valid() {
    return TinyFixture.config(tmp);
  }

  @Test
  void defaultsFollowTheMethod() {
    TrainingConfig c = TrainingConfig.builder().encoder(TinyFixture.encoder(0.1)).outputDir(tmp)
        .queryMaxLength(8).passageMaxLength(16).build();
    assertEquals(LossMode.IN_BATCH, c.loss());
    assertEquals(0.05, c.temperature());
    assertEquals("Query: ", c.queryPrefix());
    assertEquals("Passage: ", c.passagePrefix());
    assertEquals(ScheduleKind.LINEAR, c.schedule());
    assertEquals(10, c.warmupSteps(100));
    assertEquals(2, c.threads());
    assertEquals(300, c.totalSteps(300));
    // The method's default lengths (64 / 256) need a position table that long.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingConfig.builder().encoder(TinyFixture.encoder(0.1)).outputDir(tmp).build());
    assertTrue(e.getMessage().contains("queryMaxLength") && e.getMessage().contains("64"), e.getMessage());
  }

  @Test
  void jsonRoundTrip() throws Exception {
    TrainingConfig c = valid().loss("paper").symmetric(true).pooling(Pooling.CLS).queryPrefix("").seed(99)
        .validateEvery(5).patience(3).build();
    TrainingConfig back = TrainingConfig.fromJson(new ObjectMapper().readTree(c.toJson().toString()));
    assertEquals(c, back);
    Path file = tmp.resolve("c.json");
    c.write(file);
    assertEquals(c, TrainingConfig.read(file));
    // Absent fields take defaults.
    ObjectNode minimal = new ObjectMapper().createObjectNode();
    minimal.set("encoder", TinyFixture.encoder(0.1).toJson());
    minimal.put("output", tmp.toString());
    minimal.put("queryMaxLength", 8);
    minimal.put("passageMaxLength", 8);
    assertEquals(0.05, TrainingConfig.fromJson(minimal).temperature());
  }

  @Test
  void badValuesNameTheFieldAndValue() {
    expect("batchSize", "1", b -> b.batchSize(1));
    expect("learningRate", "0.0", b -> b.learningRate(0));
    expect("learningRate", "-1.0", b -> b.learningRate(-1));
    expect("temperature", "0.0", b -> b.temperature(0));
    expect("temperature", "NaN", b -> b.temperature(Double.NaN));
    expect("weightDecay", "-0.1", b -> b.weightDecay(-0.1));
    expect("adamBeta1", "1.0", b -> b.adamBeta1(1));
    expect("maxGradNorm", "-1.0", b -> b.maxGradNorm(-1));
    expect("warmupFraction", "1.5", b -> b.warmupFraction(1.5));
    expect("steps", "-3", b -> b.steps(-3));
    expect("epochs", "0", b -> b.epochs(0));
    expect("patience", "2", b -> b.patience(2).validateEvery(0));
    expect("threads", "0", b -> b.threads(0));
    expect("passageMaxLength", "17", b -> b.passageMaxLength(17));
    expect("output", "null", b -> b.outputDir((String) null));
    expect("pooling", "'max'", b -> b.pooling("max"));
    expect("loss", "'hinge'", b -> b.loss("hinge"));
    expect("schedule", "'cosine'", b -> b.schedule("cosine"));
    // The encoder's own validation: heads must divide hidden.
    IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
        () -> TinyFixture.encoder(0.1).toBuilder().numAttentionHeads(5).build());
    assertTrue(heads.getMessage().contains("num_attention_heads=5"), heads.getMessage());
  }

  @Test
  void badJsonNamesTheFieldAndFile() throws Exception {
    ObjectNode json = valid().build().toJson();
    json.put("learning_rte", 0.1);
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.fromJson(json));
    assertTrue(unknown.getMessage().contains("'learning_rte'"), unknown.getMessage());
    // Other components' settings are skipped when named; typos are still caught.
    ObjectNode settings = valid().build().toJson();
    settings.put("trainData", "a.jsonl");
    settings.put("sampling", "hybrid");
    assertEquals(valid().build(), TrainingConfig.fromJson(settings, java.util.Set.of("trainData", "sampling")));
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
        () -> TrainingConfig.fromJson(json, java.util.Set.of("trainData")));
    assertTrue(typo.getMessage().contains("'learning_rte'"), typo.getMessage());

    ObjectNode wrongType = valid().build().toJson();
    wrongType.put("batchSize", "eight");
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.fromJson(wrongType));
    assertTrue(type.getMessage().contains("batchSize") && type.getMessage().contains("eight"), type.getMessage());

    ObjectNode badEncoder = valid().build().toJson();
    ((ObjectNode) badEncoder.get("encoder")).put("num_attention_heads", 5);
    IllegalArgumentException enc = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.fromJson(badEncoder));
    assertTrue(enc.getMessage().startsWith("encoder: "), enc.getMessage());

    Path file = tmp.resolve("broken.json");
    Files.writeString(file, "{\"batchSize\": ");
    IllegalArgumentException parse = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.read(file));
    assertTrue(parse.getMessage().contains(file.toString()), parse.getMessage());
  }

  private void expect(String field, String value, UnaryOperator<TrainingConfig.Builder> change) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build());
    assertTrue(e.getMessage().contains(field) && e.getMessage().contains(value),
        "message should name " + field + " and " + value + ": " + e.getMessage());
  }
}

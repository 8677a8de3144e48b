package io.polyret.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.sampling.SamplingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation and JSON form of {@link TrainingJobConfig}; nothing here trains. */
class TrainingJobConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** Valid settings as the command line would pass them. */
  private ObjectNode settings() throws Exception {
    Path demo = DemoData.folder();
    ObjectNode n = DemoData.training(tmp.resolve("out")).build().toJson();
    n.putArray("trainData").add(demo.resolve("train.jsonl").toString());
    n.putArray("validationData").add(demo.resolve("validation.jsonl").toString());
    n.put("tokenizer", DemoData.tokenizer().toString());
    n.put("sampling", "hybrid");
    n.put("alpha", 0.4);
    n.putArray("languages").add("de").add("en");
    return n;
  }

  private static String failure(ObjectNode settings) {
    return assertThrows(IllegalArgumentException.class, () -> TrainingJobConfig.fromJson(settings)).getMessage();
  }

  @Test
  void readsSettingsAndRoundTripsThroughJson() throws Exception {
    TrainingJobConfig c = TrainingJobConfig.fromJson(settings());
    assertEquals(SamplingConfig.Sampling.HYBRID, c.sampling());
    assertEquals(0.4, c.alpha());
    assertEquals(List.of("de", "en"), c.languages());
    assertEquals(1, c.datasets().size());
    assertEquals(DatasetFormat.AUTO, c.datasets().get(0).format());
    SamplingConfig s = c.samplingConfig(Map.of());
    assertEquals(0.4, s.alpha());
    assertEquals(c.training().batchSize(), s.batchSize());
    assertEquals(c.training().seed(), s.seed());
    TrainingJobConfig again = TrainingJobConfig.fromJson(c.toJson());
    assertEquals(c, again);
    assertEquals(c.toJson(), again.toJson());
  }

  @Test
  void acceptsSnakeCaseSettingNames() throws Exception {
    ObjectNode camel = settings();
    ObjectNode snake = JSON.createObjectNode();
    camel.fields().forEachRemaining(e -> snake.set(
        e.getKey().equals("output") ? "output_dir" : e.getKey().replaceAll("([A-Z])", "_$1").toLowerCase(),
        e.getValue()));
    assertTrue(snake.has("train_data") && snake.has("batch_size") && snake.has("output_dir"));
    assertEquals(TrainingJobConfig.fromJson(camel), TrainingJobConfig.fromJson(snake));
  }

  @Test
  void datasetObjectsCarryFormatNameAndWeight() throws Exception {
    ObjectNode n = settings();
    n.remove("trainData");
    ObjectNode d = n.putArray("datasets").addObject();
    d.put("path", DemoData.folder().resolve("train.jsonl").toString());
    d.put("format", "jsonl");
    d.put("name", "demo");
    d.put("weight", 2.0);
    TrainingJobConfig c = TrainingJobConfig.fromJson(n);
    DatasetSpec spec = c.datasets().get(0);
    assertEquals(DatasetFormat.JSONL, spec.format());
    assertEquals("demo", spec.name());
    assertEquals(2.0, spec.weight());
    assertEquals(c, TrainingJobConfig.fromJson(c.toJson()));
  }

  @Test
  void alphaWithANonHybridSamplingIsAContradiction() throws Exception {
    ObjectNode n = settings();
    n.put("sampling", "x-x");
    String m = failure(n);
    assertTrue(m.startsWith("alpha: ") && m.contains("x-x"), m);
    n.put("sampling", "x-y");
    assertTrue(failure(n).contains("x-y"));
    n.remove("alpha");
    assertNull(TrainingJobConfig.fromJson(n).alpha());
    assertEquals(0.0, TrainingJobConfig.fromJson(n).samplingConfig(Map.of()).alpha());
  }

  @Test
  void badValuesNameTheirField() throws Exception {
    ObjectNode n = settings();
    n.put("alpha", 1.5);
    assertTrue(failure(n).contains("1.5"));

    n = settings();
    n.put("exportModel", "yes");
    assertEquals("exportModel must be true or false, got \"yes\"", failure(n));

    n = settings();
    n.put("sampling", "zig-zag");
    assertTrue(failure(n).startsWith("sampling: "), failure(n));

    n = settings();
    n.putArray("languages").add("english");
    String m = failure(n);
    assertTrue(m.startsWith("languages: ") && m.contains("english"), m);

    n = settings();
    n.putArray("trainData").add(tmp.resolve("missing.jsonl").toString());
    m = failure(n);
    assertTrue(m.startsWith("trainData: ") && m.contains("missing.jsonl"), m);

    n = settings();
    n.remove("trainData");
    assertTrue(failure(n).startsWith("trainData: no training data"));

    n = settings();
    n.put("tokenizer", tmp.resolve("nope.model").toString());
    assertTrue(failure(n).startsWith("tokenizer: "));

    n = settings();
    n.remove("tokenizer");
    assertTrue(failure(n).startsWith("tokenizer: a fresh encoder"));

    n = settings();
    n.put("baseModel", tmp.toString());
    assertTrue(failure(n).contains("encoder"), "encoder and baseModel together: " + failure(n));
    n.remove("encoder");
    assertTrue(failure(n).startsWith("baseModel: not a Hugging Face model folder"), failure(n));

    n = settings();
    n.put("validateEvery", 2);
    n.remove("validationData");
    assertTrue(failure(n).startsWith("validationData: "));

    n = settings();
    n.put("unknownThing", 1);
    assertTrue(failure(n).contains("unknownThing"));

    n = settings();
    ObjectNode d = n.putArray("datasets").addObject();
    d.put("path", DemoData.folder().resolve("validation.jsonl").toString());
    d.put("weight", 1.0);
    assertTrue(failure(n).startsWith("datasets: weights are given for 1 of 2"), failure(n));
  }

  @Test
  void languagesMissingFromTheDataFailBeforeTraining() throws Exception {
    ObjectNode n = settings();
    n.putArray("languages").add("de").add("fi");
    TrainingJobConfig c = TrainingJobConfig.fromJson(n);
    String m = assertThrows(IllegalArgumentException.class, () -> TrainingJob.run(c)).getMessage();
    assertTrue(m.startsWith("languages: unknown language 'fi'") && m.contains("en"), m);
    assertFalse(Files.exists(c.training().outputDir().resolve("checkpoints")), "no training started");
  }
}

package io.polyret.models.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.encoder.HfFixtures;
import io.polyret.models.encoder.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/** Importing the Hugging Face golden fixtures, in every layout and precision. */
class HuggingFaceModelTest {

  @TempDir Path tmp;

  private static HfFixtures.Case paddedCase(String fixture) throws IOException {
    return HfFixtures.cases(fixture).get(1);
  }

  private static void assertSameValues(Map<String, float[]> expected, Map<String, float[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    for (Map.Entry<String, float[]> e : expected.entrySet()) {
      assertArrayEquals(e.getValue(), actual.get(e.getKey()), e.getKey());
    }
  }

  @Test
  void importedXlmrReproducesHuggingFaceOutputs() throws IOException {
    HfFixtures.Case c = paddedCase("xlmr-tiny");
    Imported m = Imported.load(HfFixtures.dir("xlmr-tiny"), c.ids(), c.mask());
    double diff = Imported.maxDiff(m.hidden, c.hidden(), c.mask());
    assertTrue(diff < 1e-4, "max |hidden - HF| = " + diff);
    assertEquals(Set.of("F32"), m.report.sourceDtypes());
    assertTrue(m.report.ignored().isEmpty(), "nothing to ignore: " + m.report.ignored());
    assertEquals(EncoderVariables.declare(io.polyret.models.config.EncoderConfig.read(
        HfFixtures.dir("xlmr-tiny").resolve("config.json")), true).keySet(), Set.copyOf(m.report.loaded()));
  }

  @Test
  void shardedCheckpointEqualsSingleFile() throws IOException {
    Imported single = Imported.load(HfFixtures.dir("xlmr-tiny"), null, null);
    Imported sharded = Imported.load(HfFixtures.dir("xlmr-tiny-sharded"), null, null);
    assertSameValues(single.values, sharded.values);
  }

  @Test
  void halfPrecisionCheckpointsConvertWithinTheirPrecision() throws IOException {
    HfFixtures.Case c = paddedCase("xlmr-tiny");
    Imported full = Imported.load(HfFixtures.dir("xlmr-tiny"), null, null);
    for (String fixture : List.of("xlmr-tiny-fp16", "xlmr-tiny-bf16")) {
      Imported half = Imported.load(HfFixtures.dir(fixture), c.ids(), c.mask());
      double weightDiff = 0;
      for (Map.Entry<String, float[]> e : full.values.entrySet()) {
        float[] h = half.values.get(e.getKey());
        for (int i = 0; i < h.length; i++) {
          // relative rounding error of one conversion: 2^-11 (fp16) or 2^-8 (bf16)
          weightDiff = Math.max(weightDiff, Math.abs(h[i] - e.getValue()[i]) / Math.max(Math.abs(e.getValue()[i]), 1e-3));
        }
      }
      double hiddenDiff = Imported.maxDiff(half.hidden, c.hidden(), c.mask());
      boolean bf16 = fixture.endsWith("bf16");
      assertEquals(Set.of(bf16 ? "BF16" : "F16"), half.report.sourceDtypes());
      // The fixture script rounds the model to fp16 in place before making the bf16 copy, so bf16
      // weights carry two roundings: 2^-11 (fp16) + 2^-8 (bf16) relative, at most.
      double bound = bf16 ? 1.0 / 256 + 1.0 / 2048 : 1.0 / 2048;
      assertTrue(weightDiff <= bound + 1e-6, fixture + " weights: " + weightDiff);
      assertTrue(weightDiff > 0, fixture + ": expected rounding, got exact float32 weights");
      // measured: 2.5e-3 (fp16) and 2.6e-2 (bf16) on the padded case; bounds leave a 2x margin
      assertTrue(hiddenDiff < (bf16 ? 5e-2 : 5e-3), fixture + " hidden: " + hiddenDiff);
    }
  }

  @Test
  void maskedLmCheckpointImportsAndIgnoresTheHead() throws IOException {
    // The fixture script built the MLM model after rounding xlmr-tiny to fp16 in place (model.half()),
    // so its float32 weights are exactly the fp16 fixture's values.
    Imported base = Imported.load(HfFixtures.dir("xlmr-tiny-fp16"), null, null);
    Imported mlm = Imported.load(HfFixtures.dir("xlmr-tiny-mlm"), null, null);
    base.values.remove("pooler.dense.weight");
    base.values.remove("pooler.dense.bias");
    assertSameValues(base.values, mlm.values);
    assertFalse(mlm.report.ignored().isEmpty());
    assertTrue(mlm.report.ignored().stream().allMatch(n -> n.startsWith("lm_head.")), mlm.report.ignored().toString());
    assertTrue(mlm.report.ignored().contains("lm_head.dense.weight"));
  }

  @Test
  void maskedLmCheckpointHasNoPoolerToLoad() throws IOException {
    try (HuggingFaceModel model = HuggingFaceModel.open(HfFixtures.dir("xlmr-tiny-mlm")); Graph g = new Graph()) {
      assertFalse(model.hasPooler());
      EncoderVariables vars = EncoderVariables.create(Ops.create(g), model.config(), true, 1);
      try (Session s = HfFixtures.session(g)) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadInto(s, vars));
        assertTrue(e.getMessage().contains("pooler.dense.weight") && e.getMessage().contains("withPooler=false"),
            e.getMessage());
      }
    }
  }

  @Test
  void bertPretrainingCheckpointImportsAndIgnoresTheHeads() throws IOException {
    HfFixtures.Case c = paddedCase("bert-tiny");
    Imported base = Imported.load(HfFixtures.dir("bert-tiny"), null, null);
    Imported pre = Imported.load(HfFixtures.dir("bert-tiny-pretraining"), c.ids(), c.mask());
    assertSameValues(base.values, pre.values);
    assertTrue(pre.report.ignored().contains("cls.predictions.bias"));
    assertTrue(pre.report.ignored().stream().allMatch(n -> n.startsWith("cls.")), pre.report.ignored().toString());
    double diff = Imported.maxDiff(pre.hidden, c.hidden(), c.mask());
    assertTrue(diff < 1e-4, "max |hidden - HF| = " + diff);
  }

  /** A copy of a fixture folder in the temp dir. */
  private Path copy(String fixture) throws IOException {
    Path dst = tmp.resolve(fixture + "-copy");
    Files.createDirectories(dst);
    try (var files = Files.list(HfFixtures.dir(fixture))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, dst.resolve(f.getFileName()));
      }
    }
    return dst;
  }

  @Test
  void configShapeMismatchNamesTensorAndBothShapes() throws IOException {
    Path dir = copy("xlmr-tiny");
    Path config = dir.resolve("config.json");
    Files.writeString(config, Files.readString(config).replace("\"vocab_size\": 1000", "\"vocab_size\": 1001"));
    try (HuggingFaceModel model = HuggingFaceModel.open(dir); Graph g = new Graph()) {
      EncoderVariables vars = EncoderVariables.create(Ops.create(g), model.config(), true, 1);
      try (Session s = HfFixtures.session(g)) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadInto(s, vars));
        assertTrue(e.getMessage().contains("embeddings.word_embeddings.weight")
            && e.getMessage().contains("[1000, 32]") && e.getMessage().contains("[1001, 32]"), e.getMessage());
      }
    }
  }

  @Test
  void unsupportedModelTypeListsTheSupportedOnes() throws IOException {
    Path dir = copy("bert-tiny");
    Path config = dir.resolve("config.json");
    Files.writeString(config, Files.readString(config).replace("\"model_type\": \"bert\"", "\"model_type\": \"gpt2\""));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HuggingFaceModel.open(dir));
    assertTrue(e.getMessage().contains("gpt2") && e.getMessage().contains("xlm-roberta")
        && e.getMessage().contains("config.json"), e.getMessage());
  }

  @Test
  void missingTensorIsNamed() throws IOException {
    Path dir = tmp.resolve("missing");
    Files.createDirectories(dir);
    Files.copy(HfFixtures.dir("bert-tiny").resolve("config.json"), dir.resolve("config.json"));
    try (SafetensorsFile src = SafetensorsFile.open(HfFixtures.dir("bert-tiny").resolve("model.safetensors"))) {
      List<SafetensorsWriter.Entry> entries = new java.util.ArrayList<>();
      for (String name : src.names()) {
        if (!name.equals("encoder.layer.1.output.dense.bias")) {
          entries.add(SafetensorsWriter.Entry.of(name, src.info(name).shape().asArray(), src.readFloats(name)));
        }
      }
      SafetensorsWriter.write(dir.resolve("model.safetensors"), entries, Map.of("format", "pt"));
    }
    try (HuggingFaceModel model = HuggingFaceModel.open(dir); Graph g = new Graph()) {
      EncoderVariables vars = EncoderVariables.create(Ops.create(g), model.config(), true, 1);
      try (Session s = HfFixtures.session(g)) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadInto(s, vars));
        assertTrue(e.getMessage().contains("encoder.layer.1.output.dense.bias"), e.getMessage());
      }
    }
  }

  @Test
  void missingShardIsNamed() throws IOException {
    Path dir = copy("xlmr-tiny-sharded");
    Files.delete(dir.resolve("model-00003-of-00003.safetensors"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HuggingFaceModel.open(dir));
    assertTrue(e.getMessage().contains("model-00003-of-00003.safetensors")
        && e.getMessage().contains("model.safetensors.index.json"), e.getMessage());
  }

  @Test
  void folderWithoutSafetensorsSaysWhatIsMissing() throws IOException {
    Path dir = tmp.resolve("bin-only");
    Files.createDirectories(dir);
    Files.copy(HfFixtures.dir("bert-tiny").resolve("config.json"), dir.resolve("config.json"));
    Files.write(dir.resolve("pytorch_model.bin"), new byte[] {1, 2, 3});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HuggingFaceModel.open(dir));
    assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("pytorch_model.bin"),
        e.getMessage());
  }

  @Test
  void writerRoundTripsValues() throws IOException {
    Path file = tmp.resolve("rt.safetensors");
    float[] values = {1.5f, -2.25f, 0f, 3e-8f, Float.MAX_VALUE, -0f};
    SafetensorsWriter.write(file, List.of(SafetensorsWriter.Entry.of("a.b", new long[] {2, 3}, values)), Map.of());
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      assertEquals(List.of("a.b"), List.copyOf(f.names()));
      assertArrayEquals(values, f.readFloats("a.b"));
      assertEquals(org.tensorflow.ndarray.Shape.of(2, 3), f.info("a.b").shape());
    }
  }

  @Test
  void sentenceTransformersFolderWithClsPoolingAndTanhDense() throws IOException {
    Path dir = copy("bert-tiny");
    Files.writeString(dir.resolve("modules.json"), "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
        + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"},"
        + "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Dense\",\"type\":\"sentence_transformers.models.Dense\"},"
        + "{\"idx\":3,\"name\":\"3\",\"path\":\"3_Normalize\",\"type\":\"sentence_transformers.models.Normalize\"}]");
    Files.createDirectories(dir.resolve("1_Pooling"));
    Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"word_embedding_dimension\": 32, \"pooling_mode_cls_token\": true,"
        + " \"pooling_mode_mean_tokens\": false, \"pooling_mode_max_tokens\": false, \"pooling_mode_mean_sqrt_len_tokens\": false}");
    Files.createDirectories(dir.resolve("2_Dense"));
    Files.writeString(dir.resolve("2_Dense/config.json"), "{\"in_features\": 32, \"out_features\": 8, \"bias\": true,"
        + " \"activation_function\": \"torch.nn.modules.activation.Tanh\"}");
    java.util.Random rnd = new java.util.Random(3);
    float[] w = new float[8 * 32];
    float[] b = new float[8];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) rnd.nextGaussian() * 0.3f;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) rnd.nextGaussian() * 0.1f;
    }
    SafetensorsWriter.write(dir.resolve("2_Dense/model.safetensors"), List.of(
        SafetensorsWriter.Entry.of("linear.weight", new long[] {8, 32}, w),
        SafetensorsWriter.Entry.of("linear.bias", new long[] {8}, b)), Map.of("format", "pt"));
    Files.createDirectories(dir.resolve("3_Normalize"));

    HfFixtures.Case c = paddedCase("bert-tiny");
    Imported m = Imported.load(dir, c.ids(), c.mask());
    try (HuggingFaceModel model = HuggingFaceModel.open(dir)) {
      assertEquals(Pooling.CLS, model.pooling().orElseThrow());
      assertTrue(model.sentenceTransformers().orElseThrow().normalize());
      assertEquals(8, model.denseHead().orElseThrow().outFeatures());
    }
    // Reference computed here from Hugging Face's hidden states: CLS -> dense -> tanh -> L2.
    for (int row = 0; row < c.ids().length; row++) {
      float[] cls = c.hidden()[row][0];
      double[] y = new double[8];
      double norm = 0;
      for (int o = 0; o < 8; o++) {
        double acc = b[o];
        for (int i = 0; i < 32; i++) {
          acc += w[o * 32 + i] * cls[i];
        }
        y[o] = Math.tanh(acc);
        norm += y[o] * y[o];
      }
      for (int o = 0; o < 8; o++) {
        assertEquals(y[o] / Math.sqrt(norm), m.embedding[row][o], 1e-4, "row " + row + " dim " + o);
      }
    }
  }

  @Test
  void unsupportedPoolingModeIsRejected() throws IOException {
    Path dir = copy("bert-tiny");
    Files.writeString(dir.resolve("modules.json"), "[{\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
        + "{\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"}]");
    Files.createDirectories(dir.resolve("1_Pooling"));
    Files.writeString(dir.resolve("1_Pooling/config.json"), "{\"pooling_mode_cls_token\": false, \"pooling_mode_max_tokens\": true}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HuggingFaceModel.open(dir));
    assertTrue(e.getMessage().contains("pooling_mode_max_tokens") && e.getMessage().contains("1_Pooling"), e.getMessage());
  }
}

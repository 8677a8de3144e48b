package io.polyret.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.model.DualEncoder;
import io.polyret.core.model.EncodedTriplets;
import io.polyret.core.model.TripletEncoder;
import io.polyret.core.sampling.Triplet;
import io.polyret.core.train.CheckpointManager;
import io.polyret.core.train.SessionConfigs;
import io.polyret.core.train.TrainingConfig;
import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.DenseHead;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.hf.SafetensorsWriter;
import io.polyret.models.tokenizer.SentencePieceTokenizer;
import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A sentence-transformers folder (Transformer, CLS Pooling, tanh Dense 32 -> 16, Normalize) as the
 * base model: the Dense layer is imported, trained with the encoder, checkpointed, resumed,
 * exported, reloaded and evaluated.
 */
class SentenceTransformersTrainingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DenseHead DENSE = new DenseHead(32, 16, true, DenseHead.Activation.TANH);

  @TempDir Path tmp;

  /** The Dense module's linear.weight as written into the base model folder. */
  private float[] initialDense;

  @Test
  void theDenseLayerIsImportedTrainedExportedAndEvaluated() throws Exception {
    Path demo = DemoData.folder();
    Path base = sentenceTransformersFolder(tmp.resolve("st"));

    Path out = tmp.resolve("run");
    TrainingJobConfig config = TrainingJobConfig.fromJson(settings(base, out, 4, false));
    TrainingConfig training = config.training();
    assertEquals(DENSE, training.denseHead().orElseThrow(), "the Dense module becomes the training config's");
    assertEquals(16, training.embeddingSize());
    assertEquals(config, TrainingJobConfig.fromJson(config.toJson()), "denseHead re-read from the base model");
    assertEquals(training, TrainingConfig.fromJson(training.toJson()));

    TrainingJobResult result = TrainingJob.run(config);
    assertEquals(4, result.training().stepsCompleted());
    Path checkpoint = result.training().lastCheckpoint();

    // The dense weights started from the folder's and moved: they get gradients.
    float[] trained = checkpointDense(checkpoint, training);
    assertEquals(initialDense.length, trained.length);
    double moved = 0;
    for (int i = 0; i < trained.length; i++) {
      moved = Math.max(moved, Math.abs(trained[i] - initialDense[i]));
    }
    assertTrue(moved > 1e-5 && moved < 0.1, "dense.weight moved by at most " + moved);

    // Resume: 2 steps, then 2 more, give the weights of the straight run.
    Path interrupted = tmp.resolve("interrupted");
    TrainingJob.run(TrainingJobConfig.fromJson(settings(base, interrupted, 2, false)));
    TrainingJobResult resumed = TrainingJob.run(TrainingJobConfig.fromJson(settings(base, interrupted, 4, true)));
    assertEquals(4, resumed.training().stepsCompleted());
    assertArrayEquals(trained, checkpointDense(resumed.training().lastCheckpoint(), training), 1e-6f);

    // Export: the card and the SavedModel carry the dense layer; the reloaded model embeds as training did.
    Path modelDir = result.model();
    ModelCard card = ModelCard.read(modelDir);
    assertEquals(DENSE, card.denseHead());
    assertEquals(16, card.embeddingSize());
    List<Triplet> triplets = List.of(
        new Triplet("1", "en", "de", "How many people live in Liti?", "Liti hat 178200 Einwohner.", List.of()),
        new Triplet("2", "en", "zh", "What is the capital?", "首都是北京。", List.of()));
    float[][] trainingQueries;
    try (SentencePieceTokenizer tokenizer = SentencePieceTokenizer.openXlmRoberta(DemoData.tokenizer())) {
      EncodedTriplets encoded = new TripletEncoder(tokenizer, "Query: ", "Passage: ", 32, 32).encode(triplets);
      trainingQueries = trainingGraphQueries(checkpoint, training, encoded);
    }
    List<String> queries = triplets.stream().map(t -> "Query: " + t.query()).toList();
    float[][] exported;
    try (PolyretModel model = PolyretModel.load(modelDir)) {
      assertEquals(16, model.dimension());
      exported = model.encode(queries, 32);
      for (int i = 0; i < queries.size(); i++) {
        assertEquals(16, exported[i].length);
        assertArrayEquals(trainingQueries[i], exported[i], 1e-6f, "query " + i); // packed with passages in training
      }
    }
    // The folder is a sentence-transformers one too: read as Hugging Face, it applies the trained layer.
    assertTrue(Files.isRegularFile(modelDir.resolve("2_Dense/model.safetensors")));
    try (HuggingFaceTextEncoder hf = HuggingFaceTextEncoder.open(modelDir)) {
      assertEquals(16, hf.dimension());
      float[][] viaHf = hf.encode(queries, 32);
      for (int i = 0; i < queries.size(); i++) {
        assertArrayEquals(exported[i], viaHf[i], 1e-5f, "query " + i + " via the sentence-transformers layout");
      }
    }
    // As a base model, the exported folder hands on its trained dense layer.
    assertEquals(java.util.Optional.of(DENSE), TrainingJobConfig.baseModelDenseHead(modelDir));
    assertArrayEquals(trained, startingDense(modelDir, training), 0f);

    // Evaluation of the exported model.
    Path evaluationFile = tmp.resolve("eval/evaluation.json");
    EvaluationResult evaluation = EvaluationJob.run(
        EvaluationJobConfig.of(out, demo.resolve("eval"), evaluationFile).withLanguages(List.of("de", "en")));
    BenchmarkResult b = evaluation.benchmarks().get(0);
    assertEquals(List.of("de", "en"), b.languages());
    b.settings().forEach(row -> row.metrics().forEach(
        (metric, value) -> assertTrue(value >= 0 && value <= 1, row + " " + metric)));
    assertTrue(Files.isRegularFile(evaluationFile));
  }

  @Test
  void aDenseHeadThatDoesNotFitIsRefusedNamingTheField() throws Exception {
    Path base = sentenceTransformersFolder(tmp.resolve("st"));
    ObjectNode both = settings(base, tmp.resolve("a"), 1, false);
    both.set("denseHead", TrainingConfig.denseHeadJson(DENSE));
    String m = assertThrows(IllegalArgumentException.class, () -> TrainingJobConfig.fromJson(both)).getMessage();
    assertTrue(m.startsWith("denseHead: "), m);

    // Built in code without the base model's dense layer.
    TrainingConfig without = DemoData.training(tmp.resolve("b")).build();
    m = assertThrows(IllegalArgumentException.class, () -> TrainingJobConfig.builder().training(without)
        .trainData(DemoData.folder().resolve("train.jsonl")).tokenizer(DemoData.tokenizer()).baseModel(base)
        .build()).getMessage();
    assertTrue(m.startsWith("denseHead: ") && m.contains("outFeatures"), m);

    ObjectNode json = without.toJson();
    json.set("denseHead", JSON.readTree("{\"inFeatures\": 16, \"outFeatures\": 8}"));
    m = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.fromJson(json)).getMessage();
    assertTrue(m.contains("denseHead.inFeatures") && m.contains("32"), m);
    json.set("denseHead", JSON.readTree("{\"inFeatures\": 32, \"outFeatures\": 8, \"activation\": \"relu\"}"));
    m = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.fromJson(json)).getMessage();
    assertTrue(m.contains("denseHead.activation") && m.contains("relu"), m);
  }

  private static ObjectNode settings(Path base, Path out, int steps, boolean resume) throws Exception {
    ObjectNode n = JSON.createObjectNode();
    n.put("baseModel", base.toString());
    n.put("tokenizer", DemoData.tokenizer().toString());
    n.put("trainData", DemoData.folder().resolve("train.jsonl").toString());
    n.putArray("languages").add("de").add("en").add("zh");
    n.put("pooling", "cls");
    n.put("queryMaxLength", 32);
    n.put("passageMaxLength", 32);
    n.put("batchSize", 8);
    n.put("learningRate", 1e-3);
    n.put("schedule", "constant");
    n.put("warmupSteps", 0);
    n.put("steps", steps);
    n.put("seed", 11);
    n.put("output", out.toString());
    n.put("resume", resume);
    n.put("exportModel", !resume && steps == 4);
    return n;
  }

  /**
   * config.json and model.safetensors of the demo encoder (seeded random weights), modules.json,
   * 1_Pooling (CLS), 2_Dense (tanh, 32 -> 16, linear.weight / linear.bias).
   */
  private Path sentenceTransformersFolder(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("1_Pooling"));
    Files.createDirectories(dir.resolve("2_Dense"));
    EncoderConfig encoder = DemoData.encoder();
    Files.writeString(dir.resolve("config.json"), encoder.toJson().toPrettyString());
    Random random = new Random(5);
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Shape> e : EncoderVariables.declare(encoder, false).entrySet()) {
      float[] values = new float[(int) e.getValue().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = e.getKey().endsWith("LayerNorm.weight") ? 1f : (float) (random.nextGaussian() * 0.02);
      }
      entries.add(SafetensorsWriter.Entry.of(e.getKey(), e.getValue().asArray(), values));
    }
    SafetensorsWriter.write(dir.resolve("model.safetensors"), entries, Map.of("format", "pt"));
    Files.writeString(dir.resolve("modules.json"),
        "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
            + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"},"
            + "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Dense\",\"type\":\"sentence_transformers.models.Dense\"},"
            + "{\"idx\":3,\"name\":\"3\",\"path\":\"3_Normalize\",\"type\":\"sentence_transformers.models.Normalize\"}]");
    Files.writeString(dir.resolve("1_Pooling/config.json"),
        "{\"word_embedding_dimension\": 32, \"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false}");
    Files.writeString(dir.resolve("2_Dense/config.json"), "{\"in_features\": 32, \"out_features\": 16, \"bias\": true,"
        + " \"activation_function\": \"torch.nn.modules.activation.Tanh\"}");
    float[] weight = new float[16 * 32];
    float[] bias = new float[16];
    for (int i = 0; i < weight.length; i++) {
      weight[i] = (float) (random.nextGaussian() * 0.2);
    }
    for (int i = 0; i < bias.length; i++) {
      bias[i] = (float) (random.nextGaussian() * 0.1);
    }
    initialDense = weight.clone();
    SafetensorsWriter.write(dir.resolve("2_Dense/model.safetensors"), List.of(
        SafetensorsWriter.Entry.of("linear.weight", new long[] {16, 32}, weight),
        SafetensorsWriter.Entry.of("linear.bias", new long[] {16}, bias)), Map.of("format", "pt"));
    return dir;
  }

  private static float[] checkpointDense(Path checkpoint, TrainingConfig c) {
    String prefix = checkpoint.resolve(CheckpointManager.VARIABLES_PREFIX).toString();
    try (CheckpointWeights w = new CheckpointWeights(prefix, c.encoder(), false, c.denseHead().orElseThrow())) {
      return w.values(DenseHead.WEIGHT).clone();
    }
  }

  /** dense.weight as {@link PolyretModel#weights} sets it in a new training graph. */
  private static float[] startingDense(Path modelDir, TrainingConfig c) throws Exception {
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfigs.configProto(2))) {
      EncoderVariables vars = EncoderVariables.create(Ops.create(g), c.encoder(), false, c.denseHead().orElseThrow(), 1);
      try (Result ignored = s.runner().addTarget(vars.initializer()).run()) {
        // initializer only
      }
      PolyretModel.weights(modelDir).initialize(s, vars);
      try (Result r = s.runner().fetch(vars.read(DenseHead.WEIGHT)).run()) {
        float[] out = new float[16 * 32];
        ((TFloat32) r.get(0)).copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
        return out;
      }
    }
  }

  /** Query embeddings of the dual-encoder training graph (no dropout), dense layer included. */
  private static float[][] trainingGraphQueries(Path checkpoint, TrainingConfig c, EncodedTriplets batch) {
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfigs.configProto(2))) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, c.encoder(), false, c.denseHead().orElseThrow(), c.seed());
      DualEncoder dual = DualEncoder.build(tf, vars, c.pooling(), c.loss(), c.symmetric(), c.temperature());
      s.restore(checkpoint.resolve(CheckpointManager.VARIABLES_PREFIX).toString());
      Session.Runner runner = s.runner();
      List<Tensor> fed = dual.feed(runner, batch, null);
      try (Result r = runner.fetch(dual.queryEmbeddings()).run()) {
        return StdArrays.array2dCopyOf((TFloat32) r.get(0));
      } finally {
        fed.forEach(Tensor::close);
      }
    }
  }
}

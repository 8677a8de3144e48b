package io.polyret.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyret.core.eval.EncodingOptions;
import io.polyret.core.model.DualEncoder;
import io.polyret.core.model.EncodedTriplets;
import io.polyret.core.model.TripletEncoder;
import io.polyret.core.sampling.Triplet;
import io.polyret.core.train.CheckpointManager;
import io.polyret.core.train.SessionConfigs;
import io.polyret.core.train.TrainingConfig;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.tokenizer.SentencePieceTokenizer;
import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import io.polyret.reports.model.SettingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * End to end on the demo corpus: train a tiny model with hybrid sampling, export it, reload it,
 * check it embeds exactly like the training graph, evaluate on the demo LAReQA split, report.
 */
class TrainEvaluateReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void trainsExportsEvaluatesAndReportsOnTheDemoCorpus() throws Exception {
    Path demo = DemoData.folder();
    Path out = tmp.resolve("run");
    TrainingConfig training = DemoData.training(out).validateEvery(3).build();
    TrainingJobConfig config = TrainingJobConfig.builder()
        .training(training)
        .trainData(demo.resolve("train.jsonl"))
        .validationData(demo.resolve("validation.jsonl"))
        .tokenizer(DemoData.tokenizer())
        .sampling("hybrid")
        .alpha(0.5)
        .build();

    TrainingJobResult result = TrainingJob.run(config);

    // Training: all steps, both kinds of batch counted, languages of the demo corpus.
    assertEquals(6, result.training().stepsCompleted());
    assertEquals(6, result.languages().batches());
    Set<String> demoLanguages = Set.of("ar", "de", "el", "en", "es", "hi", "ru", "zh");
    result.languages().kinds().forEach((kind, counts) -> {
      assertTrue(demoLanguages.containsAll(counts.queryLanguages().keySet()), kind + " " + counts);
      long triplets = counts.queryLanguages().values().stream().mapToLong(Long::longValue).sum();
      assertEquals(counts.batches() * 8, triplets, kind + ": 8 triplets per batch");
      if (kind.equals("MONOLINGUAL")) {
        assertEquals(counts.queryLanguages(), counts.passageLanguages());
      }
    });
    JsonNode summary = JSON.readTree(result.summaryFile().toFile());
    assertEquals(6, summary.get("steps").asInt());
    assertEquals(result.languages().toJson().toString(), summary.get("batch_languages").toString());
    assertEquals("hybrid", summary.at("/provenance/config/sampling").asText());
    assertEquals(64, summary.at("/provenance/data/0/sha256").asText().length());

    // Export: card, tokenizer, SavedModel; nothing partial left beside it.
    Path modelDir = result.model();
    assertEquals(config.modelDirectory(), modelDir);
    assertTrue(Files.isRegularFile(modelDir.resolve("sentencepiece.bpe.model")));
    assertTrue(Files.isRegularFile(modelDir.resolve("saved_model/saved_model.pb")));
    try (var siblings = Files.list(out)) {
      assertFalse(siblings.anyMatch(p -> p.getFileName().toString().contains(".partial")));
    }
    ModelCard card = ModelCard.read(modelDir);
    assertEquals(training.encoder(), card.encoder());
    assertEquals("Query: ", card.queryPrefix());
    assertEquals(32, card.embeddingSize());
    assertEquals(11, card.training().get("seed").asLong());
    assertEquals(result.training().bestStep(), card.training().get("step").asLong());

    // Reloaded model == training graph (no dropout) on the same batch, to float32 rounding: the
    // training graph packs queries and passages into one token matrix, the export encodes one list,
    // and products over a different number of rows may round differently in the last bit.
    List<Triplet> triplets = someTriplets(demo);
    float[][] trainingQueries;
    float[][] trainingPassages;
    try (SentencePieceTokenizer tokenizer = SentencePieceTokenizer.openXlmRoberta(DemoData.tokenizer())) {
      EncodedTriplets encoded = new TripletEncoder(tokenizer, "Query: ", "Passage: ", 32, 32).encode(triplets);
      float[][][] both = trainingGraphEmbeddings(result.training().bestCheckpoint(), training, encoded);
      trainingQueries = both[0];
      trainingPassages = both[1];
    }
    try (PolyretModel model = PolyretModel.load(modelDir)) {
      List<String> queries = triplets.stream().map(t -> "Query: " + t.query()).toList();
      List<String> passages = triplets.stream().map(t -> "Passage: " + t.positive()).toList();
      float[][] q = model.encode(queries, 32);
      float[][] p = model.encode(passages, 32);
      for (int i = 0; i < triplets.size(); i++) {
        assertArrayEquals(trainingQueries[i], q[i], 1e-6f, "query " + i);
        assertArrayEquals(trainingPassages[i], p[i], 1e-6f, "passage " + i);
      }
      // The convenience methods add the card's prefix and length and keep input order.
      float[][] viaPrefix = model.encodeQueries(triplets.stream().map(Triplet::query).toList());
      for (int i = 0; i < triplets.size(); i++) {
        assertArrayEquals(q[i], viaPrefix[i], 1e-6f, "query " + i + " via encodeQueries");
      }
    }

    // Evaluation on the demo LAReQA split (the run's output folder stands for its exported model).
    Path evaluationFile = tmp.resolve("eval-out/evaluation.json");
    EvaluationResult evaluation = EvaluationJob.run(
        EvaluationJobConfig.of(out, demo.resolve("eval"), evaluationFile)
            .withRunName("hybrid").withBenchmark("demo").withRunFiles(tmp.resolve("runs"), 100));
    EvaluationResult reread = EvaluationResultJson.read(evaluationFile);
    assertEquals(evaluation, reread);
    BenchmarkResult b = reread.benchmark("demo").orElseThrow();
    assertEquals(new TreeSet<>(demoLanguages), new TreeSet<>(b.languages()));
    assertEquals(List.of(SettingResult.MONOLINGUAL, SettingResult.CROSS_LINGUAL, SettingResult.MULTILINGUAL),
        b.settingNames());
    assertEquals(8, b.pairRows(SettingResult.MONOLINGUAL).size());
    assertEquals(56, b.pairRows(SettingResult.CROSS_LINGUAL).size());
    for (SettingResult row : b.settings()) {
      row.metrics().forEach((metric, value) -> assertTrue(value >= 0 && value <= 1, row + " " + metric));
      assertEquals(160, row.queries(), row.toString());
    }
    assertNotNull(b.rankDistanceMacro());
    assertEquals("hybrid", reread.config().get("train_sampling"));
    assertEquals(modelDir.toString(), reread.provenance().model());
    assertEquals(8, reread.provenance().datasets().size());
    assertEquals(Long.valueOf(11), reread.provenance().seed());
    try (var runs = Files.list(tmp.resolve("runs"))) {
      assertTrue(runs.findAny().isPresent(), "TREC run files written");
    }

    // Report.
    Path html = ReportJob.report(List.of(evaluationFile), List.of(result.training().log()), tmp.resolve("report"));
    assertEquals("report.html", html.getFileName().toString());
    String page = Files.readString(html);
    assertTrue(page.contains("hybrid"), "run name in the report");
    for (String lang : demoLanguages) {
      assertTrue(page.contains(">" + lang + "<") || page.contains(lang), "language " + lang);
    }
  }

  @Test
  void evaluatesAnyTextEncoderWithExplicitPrefixes() throws Exception {
    Path demo = DemoData.folder();
    Path out = tmp.resolve("evaluation.json");
    io.polyret.core.eval.TextEncoder encoder = charEncoder();
    EvaluationResult r = EvaluationJob.evaluate(encoder, EncodingOptions.defaults(),
        EvaluationJobConfig.of(demo, demo.resolve("eval"), out)
            .withLanguages(List.of("en", "de")).withRunName("chars").withBatchSize(32));
    BenchmarkResult b = r.benchmarks().get(0);
    assertEquals("eval", b.name());
    assertEquals(List.of("de", "en"), b.languages());
    assertEquals(2 + 2 + 2, b.settings().size(), "2 monolingual, 2 cross-lingual, 2 multilingual rows");
    assertEquals("chars16", r.config().get("encoder"));
    assertTrue(Files.isRegularFile(out));
  }

  /** The first 6 facts of the validation file, English queries and German passages. */
  private static List<Triplet> someTriplets(Path demo) throws Exception {
    List<Triplet> out = new ArrayList<>();
    Map<String, JsonNode> english = new java.util.LinkedHashMap<>();
    for (String line : Files.readAllLines(demo.resolve("validation.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      if (n.get("lang").asText().equals("en")) {
        english.put(n.get("id").asText(), n);
      } else if (n.get("lang").asText().equals("de") && english.containsKey(n.get("id").asText()) && out.size() < 6) {
        out.add(new Triplet(n.get("id").asText(), "en", "de", english.get(n.get("id").asText()).get("query").asText(),
            n.get("positive").asText(), List.of()));
      }
    }
    return out;
  }

  /** Query and positive-passage embeddings of the dual-encoder training graph (no dropout). */
  private static float[][][] trainingGraphEmbeddings(Path checkpoint, TrainingConfig c, EncodedTriplets batch) {
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfigs.configProto(2))) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, c.encoder(), false, c.seed());
      DualEncoder dual = DualEncoder.build(tf, vars, c.pooling(), c.loss(), c.symmetric(), c.temperature());
      s.restore(checkpoint.resolve(CheckpointManager.VARIABLES_PREFIX).toString());
      Session.Runner runner = s.runner();
      List<Tensor> fed = dual.feed(runner, batch, null);
      try (Result r = runner.fetch(dual.queryEmbeddings()).fetch(dual.passageEmbeddings()).run()) {
        return new float[][][] {
          StdArrays.array2dCopyOf((TFloat32) r.get(0)), StdArrays.array2dCopyOf((TFloat32) r.get(1))
        };
      } finally {
        fed.forEach(Tensor::close);
      }
    }
  }

  /** A deterministic hashed bag-of-characters encoder: no model needed, real protocol and files. */
  static io.polyret.core.eval.TextEncoder charEncoder() {
    return new io.polyret.core.eval.TextEncoder() {
      @Override
      public int dimension() {
        return 16;
      }

      @Override
      public float[][] encode(List<String> texts, int maxLength) {
        float[][] out = new float[texts.size()][16];
        for (int i = 0; i < texts.size(); i++) {
          double norm = 0;
          for (char c : texts.get(i).toCharArray()) {
            out[i][Math.floorMod(c * 31, 16)] += 1;
          }
          for (float v : out[i]) {
            norm += v * v;
          }
          for (int j = 0; j < 16; j++) {
            out[i][j] /= (float) Math.sqrt(norm);
          }
        }
        return out;
      }

      @Override
      public String fingerprint() {
        return "chars16";
      }
    };
  }
}

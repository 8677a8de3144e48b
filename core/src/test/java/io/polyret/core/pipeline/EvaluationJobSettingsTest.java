package io.polyret.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.eval.EncodingOptions;
import io.polyret.core.eval.RandomTextEncoder;
import io.polyret.core.eval.TextEncoder;
import io.polyret.core.eval.search.ScoreKernels;
import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import io.polyret.reports.model.SettingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation engine's settings behind {@link EvaluationJob}: embedding cache, score kernel and
 * threads, run-file staging, MIRACL folders, and nothing written on error.
 */
class EvaluationJobSettingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A LAReQA file: 2 paragraphs of 3 sentences, 4 questions (ids shared across languages). */
  static void writeLareqa(Path dir, String lang, boolean allQuestions) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode paragraphs = root.putArray("data").addObject().put("title", "t")
        .putArray("paragraphs");
    int qid = 0;
    for (int p = 0; p < 2; p++) {
      String[] sentences = {lang + " alpha " + p + ".", " " + lang + " beta " + p + ".",
          " " + lang + " gamma " + p + "."};
      ObjectNode para = paragraphs.addObject();
      para.put("context", String.join("", sentences));
      ArrayNode breaks = para.putArray("sentence_breaks");
      ArrayNode sents = para.putArray("sentences");
      int at = 0;
      for (String s : sentences) {
        breaks.addArray().add(at).add(at + s.length());
        sents.add(s);
        at += s.length();
      }
      ArrayNode qas = para.putArray("qas");
      for (int q = 0; q < 2; q++, qid++) {
        if (!allQuestions && qid == 3) {
          continue;
        }
        ObjectNode qa = qas.addObject();
        qa.put("id", "id" + qid);
        qa.put("question", lang + " question " + qid);
        qa.putArray("answers").addObject().put("text", "x")
            .put("answer_start", q == 0 ? 1 : sentences[0].length() + 2);
      }
    }
    Files.writeString(dir.resolve(lang + ".json"), JSON.writeValueAsString(root));
  }

  private static final class CountingEncoder implements TextEncoder {
    final TextEncoder inner = new RandomTextEncoder(8, 5);
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public int dimension() {
      return 8;
    }

    @Override
    public float[][] encode(List<String> texts, int maxLength) {
      calls.incrementAndGet();
      return inner.encode(texts, maxLength);
    }

    @Override
    public String fingerprint() {
      return inner.fingerprint();
    }
  }

  @Test
  void lareqaEndToEndWritesResultRunsAndUsesTheCache(@TempDir Path tmp) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("tiny-lareqa"));
    writeLareqa(data, "de", true);
    writeLareqa(data, "en", true);
    writeLareqa(data, "es", false);
    ObjectNode settings = JSON.createObjectNode();
    settings.put("data", data.toString());
    settings.put("output", tmp.resolve("out/result.json").toString());
    settings.put("runFiles", tmp.resolve("runs").toString());
    settings.put("runDepth", 0);
    settings.put("kernel", "java");
    settings.put("threads", 1);
    settings.put("batchSize", 3);
    settings.put("embeddingCache", tmp.resolve("cache").toString());
    settings.put("model", data.toString());
    EvaluationJobConfig config = EvaluationJobConfig.fromJson(settings);
    assertEquals(ScoreKernels.Kind.JAVA, config.kernel());
    CountingEncoder encoder = new CountingEncoder();
    EvaluationResult r = EvaluationJob.evaluate(encoder, encoding(config), config);
    EvaluationResult read = EvaluationResultJson.read(tmp.resolve("out/result.json"));
    assertEquals(r, read);
    BenchmarkResult b = read.benchmarks().get(0);
    assertEquals("tiny-lareqa", b.name());
    assertEquals(BenchmarkResult.PROTOCOL_LAREQA, b.protocol());
    assertEquals(List.of("de", "en", "es"), b.languages());
    assertEquals(6, b.pairRows(SettingResult.CROSS_LINGUAL).size());
    assertEquals(3, b.pairRows(SettingResult.MULTILINGUAL).size());
    // es lacks id3: German queries against the Spanish pool skip one query.
    SettingResult deEs = b.find(SettingResult.CROSS_LINGUAL, "de", "es").orElseThrow();
    assertEquals(3, deEs.queries());
    assertEquals(1, deEs.skippedQueries());
    assertTrue(b.macro(SettingResult.CROSS_LINGUAL, "map").isPresent());
    assertEquals(3, b.rankDistanceByLanguage().size());
    assertEquals(data.toString(), read.provenance().model());
    assertEquals(3, read.provenance().datasets().size());
    assertEquals(64, read.provenance().datasets().get(0).sha256().length());
    assertEquals("java", read.config().get("kernel"));
    assertEquals("auto", read.config().get("device"));
    try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
      assertEquals(2 * (9 + 3), s.count());
    }
    assertFalse(Files.exists(tmp.resolve("runs.partial")));
    int callsFirst = encoder.calls.get();
    assertTrue(callsFirst > 0);

    EvaluationResult again = EvaluationJob.evaluate(encoder, encoding(config), config);
    assertEquals(callsFirst, encoder.calls.get(), "second run reads the embedding cache");
    assertEquals(r.benchmarks(), again.benchmarks());
  }

  @Test
  void missingLanguagesFailListingWhatWasFoundAndWriteNothing(@TempDir Path tmp)
      throws IOException {
    Path data = Files.createDirectories(tmp.resolve("b"));
    writeLareqa(data, "de", true);
    writeLareqa(data, "en", true);
    EvaluationJobConfig config = EvaluationJobConfig.of(data, data, tmp.resolve("r.json"))
        .withLanguages(List.of("de", "fr")).withRunFiles(tmp.resolve("runs"), 0).withRunName("x")
        .withScoring(ScoreKernels.Kind.TENSORFLOW, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvaluationJob.evaluate(new RandomTextEncoder(8, 1), EncodingOptions.defaults(), config));
    assertTrue(e.getMessage().contains("fr") && e.getMessage().contains("[de, en]"),
        e.getMessage());
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of("b"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void wrongEmbeddingDimensionFailsAndWritesNothing(@TempDir Path tmp) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("b"));
    writeLareqa(data, "de", true);
    TextEncoder liar = new TextEncoder() {
      @Override
      public int dimension() {
        return 4;
      }

      @Override
      public float[][] encode(List<String> texts, int maxLength) {
        return new RandomTextEncoder(5, 1).encode(texts, maxLength);
      }

      @Override
      public String fingerprint() {
        return "liar";
      }
    };
    EvaluationJobConfig config = EvaluationJobConfig.of(data, data, tmp.resolve("r.json"))
        .withRunFiles(tmp.resolve("runs"), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvaluationJob.evaluate(liar, EncodingOptions.defaults(), config));
    assertTrue(e.getMessage().contains("dimension 5, expected 4"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("r.json")));
    assertFalse(Files.exists(tmp.resolve("runs")));
    assertFalse(Files.exists(tmp.resolve("runs.partial")));
  }

  @Test
  void miraclLayoutEndToEnd(@TempDir Path tmp) throws IOException {
    Path sample = Path.of(System.getProperty("polyret.shared.dir", "../shared"), "data",
        "miracl-sample");
    assumeTrue(Files.isDirectory(sample), "shared MIRACL sample absent at " + sample);
    Path data = tmp.resolve("miracl");
    Files.createDirectories(data.resolve("topics"));
    Files.createDirectories(data.resolve("qrels"));
    Files.createDirectories(data.resolve("corpus/sw"));
    Files.copy(sample.resolve("topics/topics.miracl-v1.0-sw-dev.tsv"),
        data.resolve("topics/topics.miracl-v1.0-sw-dev.tsv"));
    Files.copy(sample.resolve("qrels/qrels.miracl-v1.0-sw-dev.tsv"),
        data.resolve("qrels/qrels.miracl-v1.0-sw-dev.tsv"));
    Files.copy(sample.resolve("corpus-format/sw/corpus.jsonl.gz"),
        data.resolve("corpus/sw/corpus.jsonl.gz"));
    ObjectNode settings = JSON.createObjectNode();
    settings.put("model", data.toString());
    settings.put("data", data.toString());
    settings.put("output", tmp.resolve("r.json").toString());
    settings.put("runFiles", tmp.resolve("runs").toString());
    settings.put("threads", 1);
    settings.put("chunkRows", 16);
    EvaluationJobConfig config = EvaluationJobConfig.fromJson(settings);
    assertEquals("miracl", config.format(), "a folder with topics/ and qrels/ is detected as MIRACL");
    EvaluationResult r = EvaluationJob.evaluate(new RandomTextEncoder(8, 1), EncodingOptions.defaults(), config);
    BenchmarkResult b = r.benchmarks().get(0);
    assertEquals(BenchmarkResult.PROTOCOL_MIRACL, b.protocol());
    assertEquals(List.of("sw"), b.languages());
    assertEquals(482, b.find(SettingResult.MONOLINGUAL, "sw", "sw").orElseThrow().queries());
    assertArrayEquals(new Object[] {"ndcg@10", "recall@100"},
        b.metricNames(SettingResult.MONOLINGUAL).toArray());
    // 4 passages: every query retrieves all 4 in the run file.
    assertEquals(482 * 4, Files.readAllLines(tmp.resolve("runs/miracl-sw.run")).size());
    assertTrue(Files.exists(tmp.resolve("runs/miracl-sw.qrels")));

    EvaluationJobConfig te = config.withLanguages(List.of("te")).withRunFiles(null, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvaluationJob.evaluate(new RandomTextEncoder(8, 1), EncodingOptions.defaults(), te));
    assertTrue(e.getMessage().contains("'te'") && e.getMessage().contains("topics.miracl-v1.0-sw"),
        e.getMessage());
  }

  @Test
  void configRejectsUnknownFieldsAndBadValues(@TempDir Path tmp) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("b"));
    ObjectNode s = JSON.createObjectNode();
    s.put("model", data.toString());
    s.put("data", data.toString());
    s.put("output", tmp.resolve("y.json").toString());
    s.put("bacthSize", 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvaluationJobConfig.fromJson(s));
    assertTrue(e.getMessage().contains("'bacthSize'"), e.getMessage());
    s.remove("bacthSize");
    s.put("trecMetrics", "ndcg@10,recall@1000");
    e = assertThrows(IllegalArgumentException.class, () -> EvaluationJobConfig.fromJson(s));
    assertTrue(e.getMessage().contains("recall@1000"), e.getMessage());
    s.put("trecMetrics", "ndcg@10");
    s.put("batchSize", "many");
    e = assertThrows(IllegalArgumentException.class, () -> EvaluationJobConfig.fromJson(s));
    assertTrue(e.getMessage().contains("batchSize") && e.getMessage().contains("many"), e.getMessage());
    s.put("batchSize", 1.5);
    e = assertThrows(IllegalArgumentException.class, () -> EvaluationJobConfig.fromJson(s));
    assertTrue(e.getMessage().contains("batchSize") && e.getMessage().contains("1.5"), e.getMessage());
    s.put("batchSize", 3);
    s.put("kernel", "gpu-magic");
    e = assertThrows(IllegalArgumentException.class, () -> EvaluationJobConfig.fromJson(s));
    assertTrue(e.getMessage().contains("'gpu-magic'"), e.getMessage());
    s.remove("kernel");
    s.put("candidateText", "paragraph");
    e = assertThrows(IllegalArgumentException.class, () -> EvaluationJobConfig.fromJson(s));
    assertTrue(e.getMessage().contains("'paragraph'"), e.getMessage());
    s.put("candidateText", "sentence-with-context");
    s.put("pairMetrics", "map,recall@5");
    EvaluationJobConfig c = EvaluationJobConfig.fromJson(s);
    assertEquals(List.of("map", "recall@5"), c.pairMetrics().stream().map(m -> m.name()).toList());
    assertEquals(c, EvaluationJobConfig.fromJson(c.toJson()), "every setting survives toJson / fromJson");
    s.put("device", "tpu");
    e = assertThrows(IllegalArgumentException.class, () -> EvaluationJobConfig.fromJson(s));
    assertTrue(e.getMessage().contains("device") && e.getMessage().contains("'tpu'"), e.getMessage());
    s.put("device", "CPU");
    c = EvaluationJobConfig.fromJson(s);
    assertEquals(io.polyret.core.device.DeviceKind.CPU, c.device());
    assertEquals(c, EvaluationJobConfig.fromJson(c.toJson()));
  }

  @Test
  void deviceGpuWithoutOneFailsBeforeLoadingOrWritingAnything(@TempDir Path tmp) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("tiny-lareqa"));
    writeLareqa(data, "en", true);
    // A folder that passes the model check (a Hugging Face config.json) but is never read: the
    // device is selected first.
    Path model = Files.createDirectories(tmp.resolve("hf"));
    Files.writeString(model.resolve("config.json"), "{}");
    Path out = tmp.resolve("out/evaluation.json");
    EvaluationJobConfig config = EvaluationJobConfig.of(model, data, out)
        .withDevice(io.polyret.core.device.DeviceKind.GPU);
    org.junit.jupiter.api.Assumptions.assumeFalse(
        io.polyret.core.device.GpuProbe.probe().usable(), "this machine has a usable GPU");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> EvaluationJob.run(config));
    assertTrue(e.getMessage().contains("device 'gpu' requested but no GPU can be used"), e.getMessage());
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  /** The encoding the job uses for a polyret model: the method's prefixes, the config's batch size. */
  private static EncodingOptions encoding(EvaluationJobConfig config) {
    EncodingOptions d = EncodingOptions.defaults();
    return new EncodingOptions(d.queryPrefix(), d.passagePrefix(), d.queryMaxLength(), d.passageMaxLength(),
        config.batchSize());
  }
}

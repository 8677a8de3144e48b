package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.polyret.core.data.lareqa.CandidateText;
import io.polyret.core.data.lareqa.LareqaDataset;
import io.polyret.core.data.lareqa.LareqaReader;
import io.polyret.core.eval.BatchedEncoding;
import io.polyret.core.eval.EncodingOptions;
import io.polyret.core.eval.TextEncoder;
import io.polyret.core.eval.lareqa.LareqaBenchmark;
import io.polyret.core.eval.lareqa.LareqaEvaluator;
import io.polyret.core.eval.lareqa.LareqaOptions;
import io.polyret.core.eval.lareqa.LareqaResult;
import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.trec.TrecEvaluator;
import io.polyret.core.eval.trec.TrecOptions;
import io.polyret.core.eval.trec.TrecQrels;
import io.polyret.core.eval.trec.TrecResult;
import io.polyret.core.eval.trec.TrecTopics;
import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.DatasetRef;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import io.polyret.reports.model.Machine;
import io.polyret.reports.model.Provenance;
import io.polyret.reports.model.SettingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call that evaluates a model on a benchmark and writes {@code evaluation.json} (the reports
 * module's {@link EvaluationResult}, with provenance), plus TREC run files when asked.
 *
 * <pre>{@code
 * EvaluationResult r = EvaluationJob.run(EvaluationJobConfig.of(modelDir, benchmarkDir, Path.of("evaluation.json")));
 * // any TextEncoder (prefixes and max lengths given explicitly):
 * EvaluationResult r = EvaluationJob.evaluate(encoder, EncodingOptions.defaults(), config);
 * }</pre>
 *
 * LAReQA protocol (XQuAD-R, MLQA-R, the demo's {@code eval/}): monolingual, cross-lingual and
 * multilingual settings with mAP and recall, and rank distance (language bias). MIRACL / TREC:
 * topics, qrels and a streamed JSON-lines corpus, nDCG@10 and Recall@100 with trec_eval's
 * conventions, one monolingual row for the collection's language.
 */
public final class EvaluationJob {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluationJob.class);

  private EvaluationJob() {}

  /**
   * Loads the model (a polyret model folder, a training job's output folder holding one in
   * {@code model/}, else a Hugging Face folder), evaluates with the model's prefixes and max
   * lengths, and writes the result file.
   */
  public static EvaluationResult run(EvaluationJobConfig settings) throws IOException {
    Path modelDir = PolyretModel.resolve(settings.model());
    EvaluationJobConfig config = settings;
    if (modelDir != null) {
      // A run name from the run's folder, not from its "model" subfolder.
      config = settings.withModel(modelDir).withRunName(settings.effectiveRunName());
      try (PolyretModel model = PolyretModel.load(modelDir)) {
        EncodingOptions options = model.encodingOptions();
        return evaluate(model, new EncodingOptions(options.queryPrefix(), options.passagePrefix(),
            options.queryMaxLength(), options.passageMaxLength(), config.batchSize()), config, model.card());
      }
    }
    if (!Files.isRegularFile(config.model().resolve("config.json"))) {
      throw new IllegalArgumentException("model: " + config.model() + " is neither a polyret model folder ("
          + ModelCard.FILE + "), a training job's output folder with model/, nor a Hugging Face folder (config.json)");
    }
    try (HuggingFaceTextEncoder model = HuggingFaceTextEncoder.open(config.model())) {
      EncodingOptions d = EncodingOptions.defaults();
      return evaluate(model, new EncodingOptions(d.queryPrefix(), d.passagePrefix(), d.queryMaxLength(),
          d.passageMaxLength(), config.batchSize()), config, null);
    }
  }

  /** Evaluates any encoder and writes the result file. */
  public static EvaluationResult evaluate(TextEncoder encoder, EncodingOptions encoding, EvaluationJobConfig config)
      throws IOException {
    return evaluate(encoder, encoding, config, null);
  }

  private static EvaluationResult evaluate(
      TextEncoder encoder, EncodingOptions encoding, EvaluationJobConfig config, ModelCard card) throws IOException {
    List<DatasetRef> data = new ArrayList<>();
    BenchmarkResult b = config.isLareqa()
        ? lareqa(encoder, encoding, config, data) : trec(encoder, encoding, config, data);
    EvaluationResult result = EvaluationResult.of(config.effectiveRunName(), List.of(b),
        provenance(config, data, card), settings(config, encoding, encoder, card));
    Path out = config.output().toAbsolutePath();
    Files.createDirectories(out.getParent());
    EvaluationResultJson.write(result, out);
    LOG.info("evaluation of {} on {} written to {}", config.effectiveRunName(), b.name(), out);
    return result;
  }

  private static BenchmarkResult lareqa(
      TextEncoder encoder, EncodingOptions encoding, EvaluationJobConfig config, List<DatasetRef> data) {
    LareqaDataset dataset;
    try {
      dataset = LareqaReader.read(config.data(), config.languages().isEmpty() ? null : config.languages());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("data: " + e.getMessage(), e);
    }
    for (String lang : dataset.languageCodes()) {
      Path file = config.data().resolve(lang + ".json");
      if (Files.isRegularFile(file)) {
        data.add(DataFiles.ref(config.effectiveBenchmark() + "/" + lang, file));
      }
    }
    LareqaBenchmark benchmark = LareqaBenchmark.from(dataset, CandidateText.SENTENCE);
    LareqaOptions options = LareqaOptions.defaults();
    if (config.runFiles() != null) {
      options = options.withRuns(config.runFiles(), config.runDepth());
    }
    long t0 = System.nanoTime();
    float[] queries = BatchedEncoding.encode(encoder, benchmark.questionTexts(), encoding.queryPrefix(),
        encoding.queryMaxLength(), encoding.batchSize());
    float[] candidates = BatchedEncoding.encode(encoder, benchmark.candidateTexts(), encoding.passagePrefix(),
        encoding.passageMaxLength(), encoding.batchSize());
    LOG.info("encoded {} questions and {} candidates in {} s", benchmark.questionCount(),
        benchmark.candidateCount(), fmt((System.nanoTime() - t0) / 1e9));
    LareqaResult lareqa = new LareqaEvaluator(benchmark, options).evaluate(queries, candidates, encoder.dimension());
    LOG.info("{}: monolingual mAP {}, cross-lingual mAP {}, multilingual mAP {}, rank distance {}",
        config.effectiveBenchmark(), fmt(lareqa.monolingualMacro(Metric.MAP)),
        fmt(lareqa.crossLingualMacro(Metric.MAP)), fmt(lareqa.multilingualMacro(Metric.MAP)),
        fmt(lareqa.rankDistanceMacro()));
    return toBenchmarkResult(config.effectiveBenchmark(), benchmark, lareqa);
  }

  /** MIRACL / TREC: one monolingual row for the collection's language. */
  private static BenchmarkResult trec(
      TextEncoder encoder, EncodingOptions encoding, EvaluationJobConfig config, List<DatasetRef> data)
      throws IOException {
    String name = config.effectiveBenchmark();
    String lang = config.effectiveLanguage();
    List<Path> corpus = config.corpusFiles();
    if (corpus.isEmpty()) {
      throw new IllegalArgumentException("corpus: no .jsonl or .jsonl.gz file in " + config.corpus());
    }
    data.add(DataFiles.ref(name + "/" + lang + "/topics", config.topics()));
    data.add(DataFiles.ref(name + "/" + lang + "/qrels", config.qrels()));
    for (Path f : corpus) {
      data.add(DataFiles.ref(name + "/" + lang + "/corpus/" + f.getFileName(), f));
    }
    TrecOptions options = TrecOptions.defaults();
    if (config.runFiles() != null) {
      Files.createDirectories(config.runFiles());
      options = options.withRunFile(config.runFiles().resolve(name + "-" + lang + ".run"));
    }
    TrecResult r = new TrecEvaluator(options).evaluate(TrecTopics.read(config.topics()),
        TrecQrels.read(config.qrels()), corpus, encoder, encoding);
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Metric m : r.metrics()) {
      metrics.put(m.name(), r.mean(m));
    }
    LOG.info("{} {}: {} over {} queries, {} documents", name, lang, metrics, r.queries(), r.documents());
    return new BenchmarkResult(name,
        config.format().equals("miracl") ? BenchmarkResult.PROTOCOL_MIRACL : BenchmarkResult.PROTOCOL_TREC,
        List.of(lang), List.of(new SettingResult(SettingResult.MONOLINGUAL, lang, lang, metrics, r.queries(), 0)),
        Map.of(), null, Map.of(lang, r.queries()), Map.of(lang, r.documents()));
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4f", v);
  }

  /** The reports module's rows for a LAReQA result: every pair, multilingual per language, bias. */
  static BenchmarkResult toBenchmarkResult(String name, LareqaBenchmark benchmark, LareqaResult r) {
    List<SettingResult> rows = new ArrayList<>();
    List<String> langs = r.languages();
    for (String q : langs) {
      for (String p : langs) {
        if (r.pairQueries(q, p) == 0) {
          continue; // every query skipped: no relevant candidate in that pool
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Metric m : r.pairMetrics()) {
          metrics.put(m.name(), r.pair(q, p, m));
        }
        rows.add(new SettingResult(q.equals(p) ? SettingResult.MONOLINGUAL : SettingResult.CROSS_LINGUAL, q, p,
            metrics, r.pairQueries(q, p), r.pairSkipped(q, p)));
      }
    }
    Map<String, Double> rankDistance = new LinkedHashMap<>();
    for (String q : langs) {
      if (r.multilingualQueries(q) > 0) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Metric m : r.multilingualMetrics()) {
          metrics.put(m.name(), r.multilingual(q, m));
        }
        rows.add(new SettingResult(SettingResult.MULTILINGUAL, q, SettingResult.ALL_LANGUAGES, metrics,
            r.multilingualQueries(q), 0));
      }
      if (r.rankDistanceQueries(q) > 0) {
        rankDistance.put(q, r.rankDistance(q));
      }
    }
    Map<String, Integer> queries = new LinkedHashMap<>();
    Map<String, Integer> candidates = new LinkedHashMap<>();
    for (LareqaBenchmark.Language l : benchmark.languages()) {
      queries.put(l.code(), l.questions().size());
      candidates.put(l.code(), l.candidates().size());
    }
    double macro = r.rankDistanceMacro();
    return new BenchmarkResult(name, BenchmarkResult.PROTOCOL_LAREQA, langs, rows, rankDistance,
        Double.isFinite(macro) ? macro : null, queries, candidates);
  }

  private static Provenance provenance(EvaluationJobConfig config, List<DatasetRef> data, ModelCard card) {
    Long seed = null;
    String base = null;
    if (card != null) {
      base = card.baseModel();
      JsonNode s = card.training().get("seed");
      seed = s == null || !s.canConvertToLong() ? null : s.asLong();
    }
    return new Provenance(config.model().toString(), base, data, seed, Versions.polyret(), Versions.tensorflow(),
        null, Versions.now(), Machine.describeCurrent(null));
  }

  /** The evaluation settings, plus the training sampling when the model card records it. */
  private static Map<String, Object> settings(
      EvaluationJobConfig config, EncodingOptions encoding, TextEncoder encoder, ModelCard card) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("model", config.model().toString());
    s.put("encoder", encoder.fingerprint());
    s.put("format", config.format());
    if (config.isLareqa()) {
      s.put("data", config.data().toString());
    } else {
      s.put("topics", config.topics().toString());
      s.put("qrels", config.qrels().toString());
      s.put("language", config.effectiveLanguage());
    }
    s.put("query_prefix", encoding.queryPrefix());
    s.put("passage_prefix", encoding.passagePrefix());
    s.put("query_max_length", encoding.queryMaxLength());
    s.put("passage_max_length", encoding.passageMaxLength());
    if (card != null) {
      s.put("pooling", card.pooling().id());
      JsonNode trainingConfig = card.training().path("config");
      for (String field : List.of("sampling", "alpha", "languages", "steps", "batchSize", "learningRate", "seed")) {
        JsonNode v = trainingConfig.get(field);
        if (v != null && !v.isNull()) {
          s.put("train_" + field, v.isNumber() ? v.numberValue() : v.isArray() ? v.toString() : v.asText());
        }
      }
    }
    return s;
  }
}

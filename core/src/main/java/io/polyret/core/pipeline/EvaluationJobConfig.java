package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.data.lareqa.CandidateText;
import io.polyret.core.device.DeviceKind;
import io.polyret.core.eval.lareqa.LareqaOptions;
import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.search.ScoreKernels;
import io.polyret.core.eval.trec.TrecOptions;
import io.polyret.models.config.JsonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What an {@link EvaluationJob} evaluates and where it writes. JSON / command-line / Maven names
 * (snake_case spellings accepted too):
 *
 * <ul>
 *   <li>{@code model}: a polyret model folder ({@link PolyretModel}) or a Hugging Face folder
 *       [required];
 *   <li>{@code format}: {@code lareqa} (XQuAD-R, MLQA-R: mono-, cross- and multilingual), or
 *       {@code miracl} / {@code trec} (topics, qrels and a JSON-lines corpus; nDCG@10, Recall@100)
 *       [lareqa];
 *   <li>{@code data}: LAReQA benchmark folder ({@code {lang}.json} files) [required for lareqa];
 *       for miracl / trec, instead of {@code topics}, {@code qrels} and {@code corpus}: a folder
 *       with {@code topics/}, {@code qrels/} and {@code corpus/{lang}/} (every language found, or
 *       {@code languages}); with no {@code format}, such a folder is evaluated as miracl;
 *   <li>{@code topics}, {@code qrels}: TREC topics ({@code qid\tquery}) and qrels files [required
 *       for miracl / trec without {@code data}];
 *   <li>{@code corpus}: JSON-lines corpus files or folders of {@code *.jsonl(.gz)} [required for
 *       miracl / trec without {@code data}];
 *   <li>{@code language}: language of a miracl / trec collection [und];
 *   <li>{@code languages}: LAReQA languages to evaluate [all found];
 *   <li>{@code output}: the {@code evaluation.json} to write [required];
 *   <li>{@code runName}: name of the run in reports [the model folder's name];
 *   <li>{@code benchmark}: benchmark name in reports ({@code xquad-r}, {@code mlqa-r},
 *       {@code miracl} compare with the paper) [the data folder's name; {@code miracl} / the topics
 *       file's name];
 *   <li>{@code runFiles}: folder for TREC run files [none]; {@code runDepth}: documents per query
 *       in LAReQA run files, 0 = the whole pool [1000];
 *   <li>{@code batchSize}: texts per encoder call [64];
 *   <li>{@code candidateText}: LAReQA candidate text, {@code sentence} or
 *       {@code sentence-with-context} [sentence];
 *   <li>{@code pairMetrics}, {@code multilingualMetrics}: LAReQA metrics (array or
 *       comma-separated) [map, recall@1 / map, recall@10];
 *   <li>{@code trecMetrics}, {@code trecDepth}: MIRACL / TREC metrics and documents retrieved per
 *       query [ndcg@10, recall@100 / 100];
 *   <li>{@code kernel}: score kernel, {@code tensorflow} or {@code java} [tensorflow];
 *   <li>{@code threads}: scoring threads [available processors];
 *   <li>{@code chunkRows}: LAReQA query rows per score block; MIRACL / TREC passages per corpus
 *       chunk are 8x this [1024];
 *   <li>{@code embeddingCache}: folder of an on-disk embedding cache keyed by the model's and the
 *       texts' checksums ({@link io.polyret.core.eval.EmbeddingCache}) [none];
 *   <li>{@code device}: {@code auto}, {@code cpu} or {@code gpu} for encoding and scoring; {@code auto}
 *       falls back to the CPU with a logged reason, {@code gpu} fails when no GPU can be used [auto].
 * </ul>
 *
 * @param model model folder
 * @param format {@code lareqa}, {@code miracl} or {@code trec}
 * @param data LAReQA benchmark folder (null for miracl / trec)
 * @param topics TREC topics file (null for lareqa)
 * @param qrels TREC qrels file (null for lareqa)
 * @param corpus corpus files and folders (empty for lareqa)
 * @param language language of a miracl / trec collection, null for {@code und}
 * @param languages LAReQA languages to evaluate, empty for all
 * @param output evaluation result file
 * @param runName run name, null for the model folder's name
 * @param benchmark benchmark name, null for the default
 * @param runFiles TREC run file folder, null for none
 * @param runDepth LAReQA run file depth
 * @param batchSize encoder batch size
 * @param candidateText LAReQA candidate text (null: the sentence)
 * @param pairMetrics LAReQA monolingual / cross-lingual metrics (null: map, recall@1)
 * @param multilingualMetrics LAReQA multilingual metrics (null: map, recall@10)
 * @param trecMetrics MIRACL / TREC metrics (null: ndcg@10, recall@100)
 * @param trecDepth MIRACL / TREC documents retrieved per query
 * @param kernel score kernel (null: tensorflow)
 * @param threads scoring threads
 * @param chunkRows LAReQA query rows per score block (TREC: 8x this passages per chunk)
 * @param embeddingCache embedding cache folder, null for none
 * @param device device for encoding and scoring (null: auto)
 */
public record EvaluationJobConfig(
    Path model,
    String format,
    Path data,
    Path topics,
    Path qrels,
    List<Path> corpus,
    String language,
    List<String> languages,
    Path output,
    String runName,
    String benchmark,
    Path runFiles,
    int runDepth,
    int batchSize,
    CandidateText candidateText,
    List<Metric> pairMetrics,
    List<Metric> multilingualMetrics,
    List<Metric> trecMetrics,
    int trecDepth,
    ScoreKernels.Kind kernel,
    int threads,
    int chunkRows,
    Path embeddingCache,
    DeviceKind device) {

  /** Field names of the JSON form. */
  public static final Set<String> FIELDS = Set.of("model", "format", "data", "topics", "qrels", "corpus", "language",
      "languages", "output", "runName", "benchmark", "runFiles", "runDepth", "batchSize", "candidateText",
      "pairMetrics", "multilingualMetrics", "trecMetrics", "trecDepth", "kernel", "threads", "chunkRows",
      "embeddingCache", "device");

  /** LAReQA monolingual / cross-lingual metrics by default (the paper's). */
  public static final List<Metric> DEFAULT_PAIR_METRICS = LareqaOptions.defaults().pairMetrics();
  /** LAReQA multilingual metrics by default. */
  public static final List<Metric> DEFAULT_MULTILINGUAL_METRICS = LareqaOptions.defaults().multilingualMetrics();
  /** MIRACL / TREC metrics by default (MIRACL's). */
  public static final List<Metric> DEFAULT_TREC_METRICS = TrecOptions.defaults().metrics();

  /**
   * The settings of the first releases (no scoring or cache settings): defaults for the rest,
   * every processor for scoring.
   */
  public EvaluationJobConfig(Path model, String format, Path data, Path topics, Path qrels, List<Path> corpus,
      String language, List<String> languages, Path output, String runName, String benchmark, Path runFiles,
      int runDepth, int batchSize) {
    this(model, format, data, topics, qrels, corpus, language, languages, output, runName, benchmark, runFiles,
        runDepth, batchSize, null, null, null, null, 100, null, Runtime.getRuntime().availableProcessors(), 1024,
        null, null);
  }

  /** Validates: paths exist, format known, numbers in range. */
  public EvaluationJobConfig {
    if (model == null || !Files.isDirectory(model)) {
      throw new IllegalArgumentException("model: not a model folder: " + model);
    }
    format = format != null ? format.trim().toLowerCase(Locale.ROOT) : isTrecFolder(data) ? "miracl" : "lareqa";
    corpus = List.copyOf(corpus == null ? List.of() : corpus);
    switch (format) {
      case "lareqa" -> {
        if (data == null || !Files.isDirectory(data)) {
          throw new IllegalArgumentException("data: benchmark folder does not exist: " + data);
        }
      }
      case "miracl", "trec" -> {
        if (topics == null && qrels == null && corpus.isEmpty() && isTrecFolder(data)) {
          break;
        }
        requireFile("topics", topics);
        requireFile("qrels", qrels);
        if (corpus.isEmpty()) {
          throw new IllegalArgumentException("corpus: format " + format + " needs corpus files (JSON lines)");
        }
        for (Path p : corpus) {
          if (!Files.exists(p)) {
            throw new IllegalArgumentException("corpus: does not exist: " + p);
          }
        }
      }
      default -> throw new IllegalArgumentException(
          "format: '" + format + "' is not supported (supported: lareqa, miracl, trec)");
    }
    if (language != null && language.isBlank()) {
      throw new IllegalArgumentException("language: blank");
    }
    languages = List.copyOf(languages == null ? List.of() : languages);
    if (output == null) {
      throw new IllegalArgumentException("output: the evaluation result file is required");
    }
    if (Files.isDirectory(output)) {
      throw new IllegalArgumentException("output: is a folder, expected a file name such as evaluation.json: " + output);
    }
    if (runName != null && runName.isBlank()) {
      throw new IllegalArgumentException("runName: blank");
    }
    if (benchmark != null && benchmark.isBlank()) {
      throw new IllegalArgumentException("benchmark: blank");
    }
    if (runDepth < 0) {
      throw new IllegalArgumentException("runDepth must be >= 0: " + runDepth);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
    }
    candidateText = candidateText == null ? CandidateText.SENTENCE : candidateText;
    pairMetrics = metricsOrDefault("pairMetrics", pairMetrics, DEFAULT_PAIR_METRICS);
    multilingualMetrics = metricsOrDefault("multilingualMetrics", multilingualMetrics, DEFAULT_MULTILINGUAL_METRICS);
    trecMetrics = metricsOrDefault("trecMetrics", trecMetrics, DEFAULT_TREC_METRICS);
    if (trecDepth < 1) {
      throw new IllegalArgumentException("trecDepth must be >= 1: " + trecDepth);
    }
    for (Metric m : trecMetrics) {
      if (m.cutoff() > trecDepth) {
        throw new IllegalArgumentException(
            "trecMetrics: " + m + " needs trecDepth >= " + m.cutoff() + ", got " + trecDepth);
      }
    }
    kernel = kernel == null ? ScoreKernels.Kind.TENSORFLOW : kernel;
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    if (chunkRows < 1) {
      throw new IllegalArgumentException("chunkRows must be >= 1: " + chunkRows);
    }
    device = device == null ? DeviceKind.AUTO : device;
  }

  private static List<Metric> metricsOrDefault(String field, List<Metric> metrics, List<Metric> fallback) {
    if (metrics == null) {
      return fallback;
    }
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException(field + " is empty");
    }
    return List.copyOf(metrics);
  }

  /** Whether {@code dir} is a MIRACL / TREC folder ({@code topics/} and {@code qrels/}). */
  private static boolean isTrecFolder(Path dir) {
    return dir != null && Files.isDirectory(dir.resolve("topics")) && Files.isDirectory(dir.resolve("qrels"));
  }

  private static void requireFile(String field, Path p) {
    if (p == null || !Files.isRegularFile(p)) {
      throw new IllegalArgumentException(field + ": file does not exist: " + p);
    }
  }

  /** A LAReQA evaluation of all languages with default names and no run files. */
  public static EvaluationJobConfig of(Path model, Path data, Path output) {
    return new EvaluationJobConfig(model, "lareqa", data, null, null, List.of(), null, List.of(), output, null, null,
        null, 1000, 64);
  }

  /** A MIRACL evaluation (one language) of a topics, qrels and corpus triple. */
  public static EvaluationJobConfig miracl(Path model, Path topics, Path qrels, List<Path> corpus, String language,
      Path output) {
    return new EvaluationJobConfig(model, "miracl", null, topics, qrels, corpus, language, List.of(), output, null,
        null, null, 1000, 64);
  }

  /** A copy evaluating another model folder. */
  public EvaluationJobConfig withModel(Path folder) {
    return with(d -> d.model = folder);
  }

  /** A copy with another run name. */
  public EvaluationJobConfig withRunName(String name) {
    return with(d -> d.runName = name);
  }

  /** A copy with another benchmark name. */
  public EvaluationJobConfig withBenchmark(String name) {
    return with(d -> d.benchmark = name);
  }

  /** A copy evaluating only these LAReQA languages. */
  public EvaluationJobConfig withLanguages(List<String> codes) {
    return with(d -> d.languages = codes);
  }

  /** A copy writing TREC run files into {@code dir} ({@code depth}: LAReQA run depth, 0 = whole pool). */
  public EvaluationJobConfig withRunFiles(Path dir, int depth) {
    return with(d -> {
      d.runFiles = dir;
      d.runDepth = depth;
    });
  }

  /** A copy with another encoder batch size. */
  public EvaluationJobConfig withBatchSize(int size) {
    return with(d -> d.batchSize = size);
  }

  /** A copy with another score kernel and thread count. */
  public EvaluationJobConfig withScoring(ScoreKernels.Kind scoreKernel, int scoringThreads) {
    return with(d -> {
      d.kernel = scoreKernel;
      d.threads = scoringThreads;
    });
  }

  /** A copy caching embeddings in {@code folder} (null: no cache). */
  public EvaluationJobConfig withEmbeddingCache(Path folder) {
    return with(d -> d.embeddingCache = folder);
  }

  /** A copy that encodes and scores on {@code kind} ({@code auto}, {@code cpu} or {@code gpu}). */
  public EvaluationJobConfig withDevice(DeviceKind kind) {
    return with(d -> d.device = kind);
  }

  /** Whether scoring may use a GPU: every device setting but {@code cpu}. */
  public boolean allowsGpu() {
    return device != DeviceKind.CPU;
  }

  /** A validated copy with the changes {@code change} makes to a draft of every component. */
  private EvaluationJobConfig with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** Every component, mutable: the one place the copies list them. */
  private static final class Draft {
    Path model;
    String format;
    Path data;
    Path topics;
    Path qrels;
    List<Path> corpus;
    String language;
    List<String> languages;
    Path output;
    String runName;
    String benchmark;
    Path runFiles;
    int runDepth;
    int batchSize;
    CandidateText candidateText;
    List<Metric> pairMetrics;
    List<Metric> multilingualMetrics;
    List<Metric> trecMetrics;
    int trecDepth;
    ScoreKernels.Kind kernel;
    int threads;
    int chunkRows;
    Path embeddingCache;
    DeviceKind device;

    Draft(EvaluationJobConfig c) {
      model = c.model;
      format = c.format;
      data = c.data;
      topics = c.topics;
      qrels = c.qrels;
      corpus = c.corpus;
      language = c.language;
      languages = c.languages;
      output = c.output;
      runName = c.runName;
      benchmark = c.benchmark;
      runFiles = c.runFiles;
      runDepth = c.runDepth;
      batchSize = c.batchSize;
      candidateText = c.candidateText;
      pairMetrics = c.pairMetrics;
      multilingualMetrics = c.multilingualMetrics;
      trecMetrics = c.trecMetrics;
      trecDepth = c.trecDepth;
      kernel = c.kernel;
      threads = c.threads;
      chunkRows = c.chunkRows;
      embeddingCache = c.embeddingCache;
      device = c.device;
    }

    EvaluationJobConfig build() {
      return new EvaluationJobConfig(model, format, data, topics, qrels, corpus, language, languages, output,
          runName, benchmark, runFiles, runDepth, batchSize, candidateText, pairMetrics, multilingualMetrics,
          trecMetrics, trecDepth, kernel, threads, chunkRows, embeddingCache, device);
    }
  }

  /** Whether MIRACL / TREC collections are discovered in the {@code data} folder (no topics file given). */
  public boolean isTrecFolder() {
    return !isLareqa() && topics == null;
  }

  /** Whether this is a LAReQA evaluation (else TREC-style). */
  public boolean isLareqa() {
    return format.equals("lareqa");
  }

  /** The run name to record: {@link #runName()} or the model folder's name. */
  public String effectiveRunName() {
    return runName != null ? runName : model.toAbsolutePath().normalize().getFileName().toString();
  }

  /** The benchmark name to record: {@link #benchmark()}, else a name from the data. */
  public String effectiveBenchmark() {
    if (benchmark != null) {
      return benchmark;
    }
    if (format.equals("miracl")) {
      return "miracl";
    }
    Path named = isLareqa() || topics == null ? data : topics;
    String name = named.toAbsolutePath().normalize().getFileName().toString();
    int dot = name.indexOf('.');
    return isLareqa() || dot <= 0 ? name : name.substring(0, dot);
  }

  /** The collection's language ({@code und} when not given). */
  public String effectiveLanguage() {
    return language != null ? language : "und";
  }

  /** The corpus files: given files, and the {@code *.jsonl} / {@code *.jsonl.gz} files of given folders, sorted. */
  public List<Path> corpusFiles() {
    List<Path> out = new ArrayList<>();
    for (Path p : corpus) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.list(p)) {
          files.filter(f -> {
            String n = f.getFileName().toString();
            return Files.isRegularFile(f) && (n.endsWith(".jsonl") || n.endsWith(".jsonl.gz"));
          }).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list corpus folder " + p, e);
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** Reads settings (unknown fields refused). */
  public static EvaluationJobConfig fromJson(JsonNode settings) {
    if (settings == null || !settings.isObject()) {
      throw new IllegalArgumentException("evaluation settings must be a JSON object, got " + settings);
    }
    ObjectNode n = SettingNames.normalise((ObjectNode) settings);
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException(
            "unknown evaluation setting '" + f + "'; known: " + new java.util.TreeSet<>(FIELDS));
      }
    }
    List<Path> corpus = new ArrayList<>();
    texts(n.get("corpus")).forEach(t -> corpus.add(Path.of(t)));
    JsonFields ints = new JsonFields(n);
    return new EvaluationJobConfig(
        path(n, "model"), text(n, "format"), path(n, "data"), path(n, "topics"), path(n, "qrels"), corpus,
        text(n, "language"), texts(n.get("languages")), path(n, "output"), text(n, "runName"),
        text(n, "benchmark"), path(n, "runFiles"), ints.intValue("runDepth", 1000), ints.intValue("batchSize", 64),
        candidateText(text(n, "candidateText")), metrics(n, "pairMetrics"), metrics(n, "multilingualMetrics"),
        metrics(n, "trecMetrics"), ints.intValue("trecDepth", 100),
        n.hasNonNull("kernel") ? ScoreKernels.Kind.parse(n.get("kernel").asText()) : null,
        ints.intValue("threads", Runtime.getRuntime().availableProcessors()), ints.intValue("chunkRows", 1024),
        path(n, "embeddingCache"), n.hasNonNull("device") ? DeviceKind.parse(n.get("device").asText()) : null);
  }

  private static CandidateText candidateText(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "sentence" -> CandidateText.SENTENCE;
      case "sentence-with-context", "sentence_with_context", "context" -> CandidateText.SENTENCE_WITH_CONTEXT;
      default -> throw new IllegalArgumentException(
          "candidateText must be 'sentence' or 'sentence-with-context': '" + value + "'");
    };
  }

  private static String candidateTextName(CandidateText c) {
    return c == CandidateText.SENTENCE ? "sentence" : "sentence-with-context";
  }

  private static List<Metric> metrics(ObjectNode n, String field) {
    if (!n.hasNonNull(field)) {
      return null;
    }
    try {
      return texts(n.get(field)).stream().map(String::trim).map(Metric::parse).toList();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  private static void putMetrics(ObjectNode n, String field, List<Metric> metrics) {
    ArrayNode a = n.putArray(field);
    metrics.forEach(m -> a.add(m.name()));
  }

  /** The settings as JSON, readable by {@link #fromJson}. */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("model", model.toString());
    n.put("format", format);
    n.put("data", data == null ? null : data.toString());
    n.put("topics", topics == null ? null : topics.toString());
    n.put("qrels", qrels == null ? null : qrels.toString());
    ArrayNode c = n.putArray("corpus");
    corpus.forEach(p -> c.add(p.toString()));
    n.put("language", language);
    ArrayNode langs = n.putArray("languages");
    languages.forEach(langs::add);
    n.put("output", output.toString());
    n.put("runName", runName);
    n.put("benchmark", benchmark);
    n.put("runFiles", runFiles == null ? null : runFiles.toString());
    n.put("runDepth", runDepth);
    n.put("batchSize", batchSize);
    n.put("candidateText", candidateTextName(candidateText));
    putMetrics(n, "pairMetrics", pairMetrics);
    putMetrics(n, "multilingualMetrics", multilingualMetrics);
    putMetrics(n, "trecMetrics", trecMetrics);
    n.put("trecDepth", trecDepth);
    n.put("kernel", kernel.name().toLowerCase(Locale.ROOT));
    n.put("threads", threads);
    n.put("chunkRows", chunkRows);
    n.put("embeddingCache", embeddingCache == null ? null : embeddingCache.toString());
    n.put("device", device.id());
    return n;
  }

  /** A list of texts from an array or a comma-separated string. */
  private static List<String> texts(JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(x -> out.add(x.asText()));
    } else {
      for (String part : v.asText().split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  private static Path path(ObjectNode n, String f) {
    return n.hasNonNull(f) ? Path.of(n.get(f).asText()) : null;
  }

  private static String text(ObjectNode n, String f) {
    return n.hasNonNull(f) ? n.get(f).asText() : null;
  }
}

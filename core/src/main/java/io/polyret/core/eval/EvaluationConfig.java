package io.polyret.core.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.polyret.core.data.lareqa.CandidateText;
import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.search.ScoreKernels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything an evaluation run needs besides the model. Immutable, validated on construction; the
 * command line, the Maven plugin and JSON config files map onto it with the field names below
 * ({@link #fromJson}).
 *
 * @param data benchmark folder: LAReQA ({@code {lang}.json}) or MIRACL/TREC ({@code topics/},
 *     {@code qrels/}, {@code corpus/{lang}/})
 * @param format {@code lareqa}, {@code miracl} or {@code trec}; null detects it from the folder
 * @param name benchmark name in the result; null uses the folder name
 * @param languages languages to evaluate; empty for all found
 * @param output evaluation result file (JSON, reports model)
 * @param runDirectory folder for TREC run files and their qrels; null for none
 * @param runDepth documents per query in LAReQA run files (0: the whole pool; default 100, as
 *     every query has a line per document and setting: XQuAD-R at depth 100 is ~16 million lines)
 * @param runName name of the run in the result (default {@code polyret})
 * @param encoding prefixes, max lengths and batch size
 * @param candidateText LAReQA candidate text: the sentence (default) or sentence + context
 * @param pairMetrics LAReQA monolingual/cross-lingual metrics (default map, recall@1)
 * @param multilingualMetrics LAReQA multilingual metrics (default map, recall@10)
 * @param trecMetrics MIRACL/TREC metrics (default ndcg@10, recall@100)
 * @param trecDepth MIRACL/TREC documents retrieved per query (default 100)
 * @param kernel score kernel (default tensorflow)
 * @param threads worker threads (default: available processors)
 * @param chunkRows LAReQA query rows per score block; MIRACL corpus passages per chunk is 16x this (default 1024)
 * @param embeddingCache folder of the embedding cache; null for none
 */
public record EvaluationConfig(Path data, String format, String name, List<String> languages,
    Path output, Path runDirectory, int runDepth, String runName, EncodingOptions encoding,
    CandidateText candidateText, List<Metric> pairMetrics, List<Metric> multilingualMetrics,
    List<Metric> trecMetrics, int trecDepth, ScoreKernels.Kind kernel, int threads, int chunkRows,
    Path embeddingCache) {

  /** Formats {@link #format} accepts. */
  public static final List<String> FORMATS = List.of("lareqa", "miracl", "trec");

  /** Validates every field. */
  public EvaluationConfig {
    if (data == null) {
      throw new IllegalArgumentException("data (benchmark folder) is required");
    }
    if (output == null) {
      throw new IllegalArgumentException("output (result file) is required");
    }
    if (format != null && !FORMATS.contains(format)) {
      throw new IllegalArgumentException("format must be one of " + FORMATS + ": '" + format + "'");
    }
    languages = languages == null ? List.of() : List.copyOf(languages);
    if (runDepth < 0) {
      throw new IllegalArgumentException("runDepth must be >= 0: " + runDepth);
    }
    if (runName == null || runName.isBlank()) {
      throw new IllegalArgumentException("runName is empty");
    }
    if (encoding == null || candidateText == null || kernel == null) {
      throw new IllegalArgumentException("encoding, candidateText and kernel are required");
    }
    pairMetrics = nonEmpty(pairMetrics, "pairMetrics");
    multilingualMetrics = nonEmpty(multilingualMetrics, "multilingualMetrics");
    trecMetrics = nonEmpty(trecMetrics, "trecMetrics");
    if (trecDepth < 1) {
      throw new IllegalArgumentException("trecDepth must be >= 1: " + trecDepth);
    }
    for (Metric m : trecMetrics) {
      if (m.cutoff() > trecDepth) {
        throw new IllegalArgumentException("trec metric " + m + " needs trecDepth >= " + m.cutoff()
            + ", got " + trecDepth);
      }
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    if (chunkRows < 1) {
      throw new IllegalArgumentException("chunkRows must be >= 1: " + chunkRows);
    }
  }

  private static List<Metric> nonEmpty(List<Metric> metrics, String field) {
    if (metrics == null || metrics.isEmpty()) {
      throw new IllegalArgumentException(field + " is empty");
    }
    return List.copyOf(metrics);
  }

  /** Defaults for everything but the data folder and the output file. */
  public static EvaluationConfig defaults(Path data, Path output) {
    return new EvaluationConfig(data, null, null, List.of(), output, null, 100, "polyret",
        EncodingOptions.defaults(), CandidateText.SENTENCE,
        List.of(Metric.MAP, Metric.parse("recall@1")),
        List.of(Metric.MAP, Metric.parse("recall@10")),
        List.of(Metric.parse("ndcg@10"), Metric.parse("recall@100")), 100,
        ScoreKernels.Kind.TENSORFLOW, Runtime.getRuntime().availableProcessors(), 1024, null);
  }

  private static final Set<String> FIELDS = Set.of("data", "format", "name", "languages",
      "output", "runDirectory", "runFile", "runDepth", "runName", "queryPrefix", "passagePrefix",
      "queryMaxLength", "passageMaxLength", "batchSize", "candidateText", "pairMetrics",
      "multilingualMetrics", "trecMetrics", "trecDepth", "kernel", "threads", "chunkRows",
      "embeddingCache", "model");

  /**
   * Reads the fields above from a JSON object (camelCase names; metric lists as arrays or
   * comma-separated strings; {@code runFile} is accepted as an alias of {@code runDirectory};
   * {@code model} is ignored here: the caller loads the model). Unknown fields are rejected.
   */
  public static EvaluationConfig fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("evaluation settings must be a JSON object");
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown evaluation setting '" + f + "' (known: "
            + new java.util.TreeSet<>(FIELDS) + ")");
      }
    }
    Path data = path(json, "data");
    Path output = path(json, "output");
    if (data == null) {
      throw new IllegalArgumentException("data (benchmark folder) is required");
    }
    if (output == null) {
      throw new IllegalArgumentException("output (result file) is required");
    }
    EvaluationConfig d = defaults(data, output);
    EncodingOptions e = d.encoding();
    EncodingOptions encoding = new EncodingOptions(text(json, "queryPrefix", e.queryPrefix()),
        text(json, "passagePrefix", e.passagePrefix()),
        integer(json, "queryMaxLength", e.queryMaxLength()),
        integer(json, "passageMaxLength", e.passageMaxLength()),
        integer(json, "batchSize", e.batchSize()));
    Path runs = path(json, "runDirectory");
    if (runs == null) {
      runs = path(json, "runFile");
    }
    String ct = text(json, "candidateText", "sentence").toLowerCase(Locale.ROOT);
    CandidateText candidateText = switch (ct) {
      case "sentence" -> CandidateText.SENTENCE;
      case "sentence-with-context", "sentence_with_context", "context" ->
          CandidateText.SENTENCE_WITH_CONTEXT;
      default -> throw new IllegalArgumentException(
          "candidateText must be 'sentence' or 'sentence-with-context': '" + ct + "'");
    };
    return new EvaluationConfig(data, text(json, "format", null), text(json, "name", null),
        strings(json, "languages"), output, runs, integer(json, "runDepth", d.runDepth()),
        text(json, "runName", d.runName()), encoding, candidateText,
        metrics(json, "pairMetrics", d.pairMetrics()),
        metrics(json, "multilingualMetrics", d.multilingualMetrics()),
        metrics(json, "trecMetrics", d.trecMetrics()), integer(json, "trecDepth", d.trecDepth()),
        json.hasNonNull("kernel") ? ScoreKernels.Kind.parse(json.get("kernel").asText())
            : d.kernel(),
        integer(json, "threads", d.threads()), integer(json, "chunkRows", d.chunkRows()),
        path(json, "embeddingCache"));
  }

  /** The settings as plain JSON values, for the result's {@code config}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", data.toString());
    m.put("format", format);
    m.put("name", name);
    m.put("languages", languages);
    m.put("output", output.toString());
    m.put("runDirectory", runDirectory == null ? null : runDirectory.toString());
    m.put("runDepth", runDepth);
    m.put("runName", runName);
    m.put("queryPrefix", encoding.queryPrefix());
    m.put("passagePrefix", encoding.passagePrefix());
    m.put("queryMaxLength", encoding.queryMaxLength());
    m.put("passageMaxLength", encoding.passageMaxLength());
    m.put("batchSize", encoding.batchSize());
    m.put("candidateText", candidateText == CandidateText.SENTENCE ? "sentence"
        : "sentence-with-context");
    m.put("pairMetrics", names(pairMetrics));
    m.put("multilingualMetrics", names(multilingualMetrics));
    m.put("trecMetrics", names(trecMetrics));
    m.put("trecDepth", trecDepth);
    m.put("kernel", kernel.name().toLowerCase(Locale.ROOT));
    m.put("threads", threads);
    m.put("chunkRows", chunkRows);
    m.put("embeddingCache", embeddingCache == null ? null : embeddingCache.toString());
    return m;
  }

  private static List<String> names(List<Metric> metrics) {
    return metrics.stream().map(Metric::name).toList();
  }

  private static Path path(JsonNode json, String field) {
    String s = text(json, field, null);
    return s == null || s.isBlank() ? null : Path.of(s);
  }

  private static String text(JsonNode json, String field, String fallback) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isValueNode()) {
      throw new IllegalArgumentException(field + " must be a string: " + v);
    }
    return v.asText();
  }

  private static int integer(JsonNode json, String field, int fallback) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isIntegralNumber()) {
      return v.asInt();
    }
    try {
      return Integer.parseInt(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be an integer: '" + v.asText() + "'");
    }
  }

  private static List<String> strings(JsonNode json, String field) {
    JsonNode v = json.get(field);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(x -> out.add(x.asText().trim()));
    } else {
      for (String s : v.asText().split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  private static List<Metric> metrics(JsonNode json, String field, List<Metric> fallback) {
    if (!json.hasNonNull(field)) {
      return fallback;
    }
    return strings(json, field).stream().map(Metric::parse).toList();
  }
}

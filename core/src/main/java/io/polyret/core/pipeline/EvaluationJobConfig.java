package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 *   <li>{@code topics}, {@code qrels}: TREC topics ({@code qid\tquery}) and qrels files [required
 *       for miracl / trec];
 *   <li>{@code corpus}: JSON-lines corpus files or folders of {@code *.jsonl(.gz)} [required for
 *       miracl / trec];
 *   <li>{@code language}: language of a miracl / trec collection [und];
 *   <li>{@code languages}: LAReQA languages to evaluate [all found];
 *   <li>{@code output}: the {@code evaluation.json} to write [required];
 *   <li>{@code runName}: name of the run in reports [the model folder's name];
 *   <li>{@code benchmark}: benchmark name in reports ({@code xquad-r}, {@code mlqa-r},
 *       {@code miracl} compare with the paper) [the data folder's name; {@code miracl} / the topics
 *       file's name];
 *   <li>{@code runFiles}: folder for TREC run files [none]; {@code runDepth}: documents per query
 *       in LAReQA run files, 0 = the whole pool [1000];
 *   <li>{@code batchSize}: texts per encoder call [64].
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
    int batchSize) {

  /** Field names of the JSON form. */
  public static final Set<String> FIELDS = Set.of("model", "format", "data", "topics", "qrels", "corpus", "language",
      "languages", "output", "runName", "benchmark", "runFiles", "runDepth", "batchSize");

  /** Validates: paths exist, format known, numbers in range. */
  public EvaluationJobConfig {
    if (model == null || !Files.isDirectory(model)) {
      throw new IllegalArgumentException("model: not a model folder: " + model);
    }
    format = format == null ? "lareqa" : format.trim().toLowerCase(Locale.ROOT);
    corpus = List.copyOf(corpus == null ? List.of() : corpus);
    switch (format) {
      case "lareqa" -> {
        if (data == null || !Files.isDirectory(data)) {
          throw new IllegalArgumentException("data: benchmark folder does not exist: " + data);
        }
      }
      case "miracl", "trec" -> {
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
    return new EvaluationJobConfig(folder, format, data, topics, qrels, corpus, language, languages, output, runName,
        benchmark, runFiles, runDepth, batchSize);
  }

  /** A copy with another run name. */
  public EvaluationJobConfig withRunName(String name) {
    return new EvaluationJobConfig(model, format, data, topics, qrels, corpus, language, languages, output, name,
        benchmark, runFiles, runDepth, batchSize);
  }

  /** A copy with another benchmark name. */
  public EvaluationJobConfig withBenchmark(String name) {
    return new EvaluationJobConfig(model, format, data, topics, qrels, corpus, language, languages, output, runName,
        name, runFiles, runDepth, batchSize);
  }

  /** A copy evaluating only these LAReQA languages. */
  public EvaluationJobConfig withLanguages(List<String> codes) {
    return new EvaluationJobConfig(model, format, data, topics, qrels, corpus, language, codes, output, runName,
        benchmark, runFiles, runDepth, batchSize);
  }

  /** A copy writing TREC run files into {@code dir} ({@code depth}: LAReQA run depth, 0 = whole pool). */
  public EvaluationJobConfig withRunFiles(Path dir, int depth) {
    return new EvaluationJobConfig(model, format, data, topics, qrels, corpus, language, languages, output, runName,
        benchmark, dir, depth, batchSize);
  }

  /** A copy with another encoder batch size. */
  public EvaluationJobConfig withBatchSize(int size) {
    return new EvaluationJobConfig(model, format, data, topics, qrels, corpus, language, languages, output, runName,
        benchmark, runFiles, runDepth, size);
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
    Path named = isLareqa() ? data : topics;
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
    for (String f : List.of("runDepth", "batchSize")) {
      if (n.has(f) && !n.get(f).canConvertToInt()) {
        throw new IllegalArgumentException(f + " must be an integer: " + n.get(f));
      }
    }
    return new EvaluationJobConfig(
        path(n, "model"), text(n, "format"), path(n, "data"), path(n, "topics"), path(n, "qrels"), corpus,
        text(n, "language"), texts(n.get("languages")), path(n, "output"), text(n, "runName"),
        text(n, "benchmark"), path(n, "runFiles"), n.path("runDepth").asInt(1000), n.path("batchSize").asInt(64));
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

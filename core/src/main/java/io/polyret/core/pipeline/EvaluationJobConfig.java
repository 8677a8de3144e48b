package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an {@link EvaluationJob} evaluates and where it writes. JSON / command-line / Maven names
 * (snake_case spellings accepted too):
 *
 * <ul>
 *   <li>{@code model}: a polyret model folder ({@link PolyretModel}) or a Hugging Face folder
 *       [required];
 *   <li>{@code data}: benchmark folder (LAReQA {@code {lang}.json} files) [required];
 *   <li>{@code format}: {@code lareqa} [lareqa];
 *   <li>{@code languages}: languages to evaluate [all found];
 *   <li>{@code output}: the {@code evaluation.json} to write [required];
 *   <li>{@code runName}: name of the run in reports [the model folder's name];
 *   <li>{@code benchmark}: benchmark name in reports ({@code xquad-r}, {@code mlqa-r} compare with
 *       the paper) [the data folder's name];
 *   <li>{@code runFiles}: folder for TREC run and qrels files per setting and language pair [none];
 *   <li>{@code runDepth}: documents per query in run files, 0 = the whole pool [1000];
 *   <li>{@code batchSize}: texts per encoder call [64].
 * </ul>
 *
 * @param model model folder
 * @param data benchmark folder
 * @param format benchmark format
 * @param languages languages to evaluate, empty for all
 * @param output evaluation result file
 * @param runName run name, null for the model folder's name
 * @param benchmark benchmark name, null for the data folder's name
 * @param runFiles TREC run file folder, null for none
 * @param runDepth run file depth
 * @param batchSize encoder batch size
 */
public record EvaluationJobConfig(
    Path model,
    Path data,
    String format,
    List<String> languages,
    Path output,
    String runName,
    String benchmark,
    Path runFiles,
    int runDepth,
    int batchSize) {

  /** Field names of the JSON form. */
  public static final Set<String> FIELDS = Set.of(
      "model", "data", "format", "languages", "output", "runName", "benchmark", "runFiles", "runDepth", "batchSize");

  /** Validates: paths exist, format known, numbers in range. */
  public EvaluationJobConfig {
    if (model == null || !Files.isDirectory(model)) {
      throw new IllegalArgumentException("model: not a model folder: " + model);
    }
    if (data == null || !Files.isDirectory(data)) {
      throw new IllegalArgumentException("data: benchmark folder does not exist: " + data);
    }
    format = format == null ? "lareqa" : format.trim().toLowerCase(Locale.ROOT);
    if (!format.equals("lareqa")) {
      throw new IllegalArgumentException("format: '" + format + "' is not supported yet (supported: lareqa)");
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

  /** The usual case: all languages, default names, no run files. */
  public static EvaluationJobConfig of(Path model, Path data, Path output) {
    return new EvaluationJobConfig(model, data, "lareqa", List.of(), output, null, null, null, 1000, 64);
  }

  /** The run name to record: {@link #runName()} or the model folder's name. */
  public String effectiveRunName() {
    return runName != null ? runName : model.toAbsolutePath().normalize().getFileName().toString();
  }

  /** The benchmark name to record: {@link #benchmark()} or the data folder's name. */
  public String effectiveBenchmark() {
    return benchmark != null ? benchmark : data.toAbsolutePath().normalize().getFileName().toString();
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
        throw new IllegalArgumentException("unknown evaluation setting '" + f + "'; known: " + new java.util.TreeSet<>(FIELDS));
      }
    }
    List<String> langs = new ArrayList<>();
    JsonNode l = n.get("languages");
    if (l != null && l.isArray()) {
      l.forEach(x -> langs.add(x.asText()));
    } else if (l != null && l.isTextual()) {
      for (String part : l.asText().split(",")) {
        if (!part.isBlank()) {
          langs.add(part.trim());
        }
      }
    }
    return new EvaluationJobConfig(
        path(n, "model"), path(n, "data"), n.hasNonNull("format") ? n.get("format").asText() : null, langs,
        path(n, "output"), text(n, "runName"), text(n, "benchmark"), path(n, "runFiles"),
        n.path("runDepth").asInt(1000), n.path("batchSize").asInt(64));
  }

  /** The settings as JSON, readable by {@link #fromJson}. */
  public ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("model", model.toString());
    n.put("data", data.toString());
    n.put("format", format);
    com.fasterxml.jackson.databind.node.ArrayNode langs = n.putArray("languages");
    languages.forEach(langs::add);
    n.put("output", output.toString());
    n.put("runName", runName);
    n.put("benchmark", benchmark);
    n.put("runFiles", runFiles == null ? null : runFiles.toString());
    n.put("runDepth", runDepth);
    n.put("batchSize", batchSize);
    return n;
  }

  private static Path path(ObjectNode n, String f) {
    return n.hasNonNull(f) ? Path.of(n.get(f).asText()) : null;
  }

  private static String text(ObjectNode n, String f) {
    return n.hasNonNull(f) ? n.get(f).asText() : null;
  }
}

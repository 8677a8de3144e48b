package io.polyret.core.eval;

import io.polyret.core.data.lareqa.LareqaDataset;
import io.polyret.core.data.lareqa.LareqaReader;
import io.polyret.core.eval.lareqa.LareqaBenchmark;
import io.polyret.core.eval.lareqa.LareqaEvaluator;
import io.polyret.core.eval.lareqa.LareqaOptions;
import io.polyret.core.eval.lareqa.LareqaResult;
import io.polyret.core.eval.trec.TrecCollection;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one evaluation end to end: reads the benchmark, encodes it with a model, computes every
 * setting and writes the result (reports model JSON) and, optionally, TREC run files with their
 * qrels. Nothing is left behind on failure: run files are staged in a {@code .partial} folder and
 * moved into place, and the result file (written atomically) comes last.
 */
public final class Evaluation {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

  private Evaluation() {}

  /**
   * Evaluates {@code encoder} as {@code config} says and writes the outputs.
   *
   * @param modelName what to record as the model in the provenance (path or name)
   * @return the result that was written to {@link EvaluationConfig#output()}
   * @throws IllegalArgumentException for bad input (missing files or languages, malformed data,
   *     wrong embedding dimension, empty pools)
   */
  public static EvaluationResult run(EvaluationConfig config, TextEncoder encoder,
      String modelName) throws IOException {
    String format = config.format() != null ? config.format() : detectFormat(config.data());
    Path staging = null;
    if (config.runDirectory() != null) {
      Path target = config.runDirectory().toAbsolutePath();
      staging = target.resolveSibling(target.getFileName() + ".partial");
      deleteRecursively(staging);
      Files.createDirectories(staging);
    }
    try {
      List<DatasetRef> datasets = new ArrayList<>();
      BenchmarkResult benchmark = switch (format) {
        case "lareqa" -> lareqa(config, encoder, staging, datasets);
        case "miracl", "trec" -> trec(config, format, encoder, staging, datasets);
        default -> throw new IllegalArgumentException("unknown format '" + format + "'");
      };
      Provenance provenance = new Provenance(modelName == null ? encoder.fingerprint() : modelName,
          null, datasets, null, Evaluation.class.getPackage().getImplementationVersion(),
          "tensorflow-java 1.1.0", null, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
          Machine.describeCurrent(null));
      EvaluationResult result = EvaluationResult.of(config.runName(), List.of(benchmark),
          provenance, config.toMap());
      if (staging != null) {
        Path target = config.runDirectory();
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(staging)) {
          for (Path f : files.sorted().toList()) {
            Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
          }
        }
        Files.delete(staging);
        staging = null;
      }
      EvaluationResultJson.write(result, config.output());
      return result;
    } finally {
      if (staging != null) {
        deleteRecursively(staging);
      }
    }
  }

  /**
   * Runs an evaluation from command-line / JSON settings: {@code model} (exported encoder folder,
   * required), optional {@code tokenizer} (folder with the tokenizer files; default: the model
   * folder or its {@code tokenizer/} subfolder), and every {@link EvaluationConfig} field.
   */
  public static EvaluationResult run(com.fasterxml.jackson.databind.JsonNode settings)
      throws IOException {
    if (settings == null || !settings.hasNonNull("model")) {
      throw new IllegalArgumentException("model (exported encoder folder) is required");
    }
    Path model = Path.of(settings.get("model").asText());
    if (!Files.isDirectory(model)) {
      throw new IllegalArgumentException("model folder not found: " + model);
    }
    com.fasterxml.jackson.databind.node.ObjectNode rest =
        ((com.fasterxml.jackson.databind.node.ObjectNode) settings).deepCopy();
    rest.remove("model");
    com.fasterxml.jackson.databind.JsonNode tokenizer = rest.remove("tokenizer");
    EvaluationConfig config = EvaluationConfig.fromJson(rest);
    try (SavedModelTextEncoder encoder = tokenizer == null || tokenizer.isNull()
        ? SavedModelTextEncoder.open(model)
        : SavedModelTextEncoder.open(model, Path.of(tokenizer.asText()))) {
      return run(config, encoder, model.toString());
    }
  }

  /** {@code lareqa} when the folder holds {@code {lang}.json} files, {@code miracl} for topics/. */
  static String detectFormat(Path data) {
    if (!Files.isDirectory(data)) {
      throw new IllegalArgumentException("benchmark folder not found: " + data);
    }
    if (Files.isDirectory(data.resolve("topics")) && Files.isDirectory(data.resolve("qrels"))) {
      return "miracl";
    }
    if (!LareqaReader.languagesIn(data).isEmpty()) {
      return "lareqa";
    }
    try (Stream<Path> s = Files.list(data)) {
      throw new IllegalArgumentException(data + ": neither LAReQA ({lang}.json files) nor "
          + "MIRACL/TREC (topics/, qrels/, corpus/); found "
          + s.map(p -> p.getFileName().toString()).sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static float[] encode(EvaluationConfig config, TextEncoder encoder, List<String> texts,
      String prefix, int maxLength) throws IOException {
    if (config.embeddingCache() != null) {
      return new EmbeddingCache(config.embeddingCache()).encode(encoder, texts, prefix, maxLength,
          config.encoding().batchSize());
    }
    return BatchedEncoding.encode(encoder, texts, prefix, maxLength,
        config.encoding().batchSize());
  }

  private static BenchmarkResult lareqa(EvaluationConfig config, TextEncoder encoder,
      Path staging, List<DatasetRef> datasets) throws IOException {
    LareqaDataset dataset = LareqaReader.read(config.data(), config.languages());
    LareqaBenchmark b = LareqaBenchmark.from(dataset, config.candidateText());
    if (config.name() != null) {
      b = new LareqaBenchmark(config.name(), b.languages());
    }
    for (String lang : b.languageCodes()) {
      Path f = config.data().resolve(lang + ".json");
      datasets.add(new DatasetRef(b.name() + "/" + lang, f.toString(), sha256(f)));
    }
    EncodingOptions e = config.encoding();
    long t0 = System.nanoTime();
    float[] queries = encode(config, encoder, b.questionTexts(), e.queryPrefix(),
        e.queryMaxLength());
    float[] candidates = encode(config, encoder, b.candidateTexts(), e.passagePrefix(),
        e.passageMaxLength());
    long t1 = System.nanoTime();
    LareqaOptions options = new LareqaOptions(config.pairMetrics(), config.multilingualMetrics(),
        config.kernel(), config.threads(), config.chunkRows(), staging, config.runDepth());
    LareqaResult r = new LareqaEvaluator(b, options).evaluate(queries, candidates,
        encoder.dimension());
    LOG.info("{}: encoded {} questions and {} candidates in {} s, evaluated in {} s", b.name(),
        b.questionCount(), b.candidateCount(), String.format("%.1f", (t1 - t0) / 1e9),
        String.format("%.1f", (System.nanoTime() - t1) / 1e9));
    return BenchmarkResults.lareqa(r, b);
  }

  private static BenchmarkResult trec(EvaluationConfig config, String format,
      TextEncoder encoder, Path staging, List<DatasetRef> datasets) throws IOException {
    Map<String, TrecCollection> collections = TrecCollection.discover(config.data(),
        config.languages());
    String name = config.name() != null ? config.name()
        : config.data().toAbsolutePath().normalize().getFileName().toString();
    Map<String, TrecResult> results = new LinkedHashMap<>();
    for (TrecCollection c : collections.values()) {
      datasets.add(new DatasetRef(name + "/" + c.language() + "/topics", c.topics().toString(),
          sha256(c.topics())));
      datasets.add(new DatasetRef(name + "/" + c.language() + "/qrels", c.qrels().toString(),
          sha256(c.qrels())));
      for (Path p : c.corpus()) {
        datasets.add(new DatasetRef(name + "/" + c.language() + "/corpus", p.toString(), null));
      }
      Path run = null;
      if (staging != null) {
        run = staging.resolve(name + "." + c.language() + ".run");
        Files.copy(c.qrels(), staging.resolve(name + "." + c.language() + ".qrels"));
      }
      TrecOptions options = new TrecOptions(config.trecMetrics(), config.trecDepth(),
          16 * config.chunkRows(), config.kernel(), config.threads(), run);
      results.put(c.language(), new TrecEvaluator(options).evaluate(TrecTopics.read(c.topics()),
          TrecQrels.read(c.qrels()), c.corpus(), encoder, config.encoding()));
    }
    return BenchmarkResults.trec(name, "miracl".equals(format) ? BenchmarkResult.PROTOCOL_MIRACL
        : BenchmarkResult.PROTOCOL_TREC, results);
  }

  /** Lower-case hex SHA-256 of a file's bytes. */
  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}

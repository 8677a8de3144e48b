package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which languages a run actually trained on, per batch kind ({@code MONOLINGUAL},
 * {@code CROSS_LINGUAL}, {@code PLAIN}): batches, triplets per query language and per passage
 * language. Read from the training log, so a resumed run counts every step, before and after the
 * resume.
 */
public final class BatchLanguageSummary {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Counts of one batch kind. */
  public record KindCounts(long batches, Map<String, Long> queryLanguages, Map<String, Long> passageLanguages) {
    public KindCounts {
      queryLanguages = Collections.unmodifiableMap(new TreeMap<>(queryLanguages));
      passageLanguages = Collections.unmodifiableMap(new TreeMap<>(passageLanguages));
    }
  }

  private final Map<String, KindCounts> kinds;

  private BatchLanguageSummary(Map<String, KindCounts> kinds) {
    this.kinds = Collections.unmodifiableMap(new TreeMap<>(kinds));
  }

  /** Counts the {@code train} lines of a {@code training-log.jsonl}. */
  public static BatchLanguageSummary fromTrainingLog(Path log) {
    Map<String, long[]> batches = new TreeMap<>();
    Map<String, Map<String, Long>> queries = new TreeMap<>();
    Map<String, Map<String, Long>> passages = new TreeMap<>();
    try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = r.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(log + ", line " + number + ": not JSON: " + e.getMessage(), e);
        }
        if (!"train".equals(n.path("type").asText())) {
          continue;
        }
        String kind = n.path("batch_kind").asText("PLAIN");
        batches.computeIfAbsent(kind, k -> new long[1])[0]++;
        add(queries.computeIfAbsent(kind, k -> new TreeMap<>()), n.path("query_languages"));
        add(passages.computeIfAbsent(kind, k -> new TreeMap<>()), n.path("passage_languages"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read training log " + log, e);
    }
    Map<String, KindCounts> kinds = new TreeMap<>();
    batches.forEach((k, c) -> kinds.put(k, new KindCounts(c[0], queries.get(k), passages.get(k))));
    return new BatchLanguageSummary(kinds);
  }

  private static void add(Map<String, Long> counts, JsonNode languages) {
    for (Iterator<Map.Entry<String, JsonNode>> it = languages.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      counts.merge(e.getKey(), e.getValue().asLong(), Long::sum);
    }
  }

  /** Counts per batch kind name, sorted by name. */
  public Map<String, KindCounts> kinds() {
    return kinds;
  }

  /** Batches of one kind (0 if none). */
  public long batches(String kind) {
    KindCounts c = kinds.get(kind);
    return c == null ? 0 : c.batches();
  }

  /** Total batches. */
  public long batches() {
    return kinds.values().stream().mapToLong(KindCounts::batches).sum();
  }

  /** As JSON: {@code {KIND: {batches, query_languages: {...}, passage_languages: {...}}}}. */
  public ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    kinds.forEach((kind, c) -> {
      ObjectNode k = n.putObject(kind);
      k.put("batches", c.batches());
      ObjectNode q = k.putObject("query_languages");
      c.queryLanguages().forEach(q::put);
      ObjectNode p = k.putObject("passage_languages");
      c.passageLanguages().forEach(p::put);
    });
    return n;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    kinds.forEach((kind, c) -> sb.append(sb.length() == 0 ? "" : "; ").append(kind).append(": ")
        .append(c.batches()).append(" batches, query languages ").append(c.queryLanguages())
        .append(", passage languages ").append(c.passageLanguages()));
    return sb.length() == 0 ? "no batches" : sb.toString();
  }
}

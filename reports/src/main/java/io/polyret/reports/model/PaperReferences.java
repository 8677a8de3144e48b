package io.polyret.reports.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The macro averages published in the paper (arXiv 2408.10536: Table 1 mAP, Table 2 rank
 * distance, MIRACL means), from the resource {@code io/polyret/reports/paper-reference.json}.
 */
public final class PaperReferences {
  private static final String RESOURCE = "/io/polyret/reports/paper-reference.json";
  private static final List<ReferenceValue> ALL = load();

  private PaperReferences() {}

  /** Every published value, in the resource's order (model, sampling, benchmark). */
  public static List<ReferenceValue> all() {
    return ALL;
  }

  /** The published values for one benchmark name ({@code xquad-r}, {@code mlqa-r}, {@code miracl}). */
  public static List<ReferenceValue> forBenchmark(String benchmark) {
    return ALL.stream().filter(v -> v.benchmark().equals(benchmark)).toList();
  }

  private static List<ReferenceValue> load() {
    try (InputStream in = PaperReferences.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
      }
      List<ReferenceValue> values = new ArrayList<>();
      for (JsonNode v : Json.MAPPER.readTree(in).get("values")) {
        values.add(new ReferenceValue(v.get("model").textValue(), v.get("sampling").textValue(),
            v.get("benchmark").textValue(), v.get("setting").textValue(),
            v.get("metric").textValue(), v.get("value").doubleValue(),
            v.get("source").textValue()));
      }
      return List.copyOf(values);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}

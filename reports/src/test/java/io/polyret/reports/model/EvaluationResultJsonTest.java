package io.polyret.reports.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationResultJsonTest {
  @TempDir Path dir;

  @Test
  void roundTripKeepsEveryValueAndOrder() {
    EvaluationResult result = SampleResults.run("hybrid", 7, 0.05);
    Path file = dir.resolve("sub/result.json");
    EvaluationResultJson.write(result, file);
    EvaluationResult back = EvaluationResultJson.read(file);
    assertEquals(result, back);
    assertEquals(EvaluationResultJson.toJson(result), EvaluationResultJson.toJson(back));
    assertEquals(List.of("batch_size", "sampling", "languages"),
        List.copyOf(back.config().keySet()));
    try (var files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void jsonIsSnakeCaseWithSchemaVersion() throws IOException {
    String json = EvaluationResultJson.toJson(SampleResults.run("x-y", 3, 0));
    JsonNode tree = new ObjectMapper().readTree(json);
    assertEquals(EvaluationResult.SCHEMA_VERSION, tree.get("schema_version").intValue());
    assertEquals("x-y", tree.get("run_name").textValue());
    JsonNode bench = tree.get("benchmarks").get(0);
    assertTrue(bench.has("rank_distance_by_language"));
    assertTrue(bench.get("settings").get(0).has("skipped_queries"));
    assertTrue(tree.get("provenance").has("base_checkpoint"));
    assertFalse(json.contains("aggregate"), "helper methods are not serialised");
  }

  @Test
  void everyWrittenFieldIsDeclaredInTheSchema() throws IOException {
    JsonNode schema;
    try (InputStream in = getClass().getResourceAsStream(
        "/io/polyret/reports/evaluation-result.schema.json")) {
      schema = new ObjectMapper().readTree(in);
    }
    String json = EvaluationResultJson.toJson(SampleResults.run("x-y", 3, 0));
    // Left in target/ so the sample can be checked with an external JSON Schema validator.
    AtomicFiles.writeString(Path.of("target", "sample-evaluation-result.json"), json);
    JsonNode tree = new ObjectMapper().readTree(json);
    assertEquals(EvaluationResult.SCHEMA_VERSION,
        schema.at("/properties/schema_version/const").intValue());
    assertDeclared(schema, schema.get("properties"), tree);
    JsonNode defs = schema.get("$defs");
    assertDeclared(schema, defs.at("/benchmark/properties"), tree.at("/benchmarks/0"));
    assertDeclared(schema, defs.at("/setting/properties"), tree.at("/benchmarks/0/settings/0"));
    assertDeclared(schema, defs.at("/provenance/properties"), tree.get("provenance"));
    assertDeclared(schema, defs.at("/provenance/properties/machine/properties"),
        tree.at("/provenance/machine"));
    assertDeclared(schema, defs.at("/dataset/properties"), tree.at("/provenance/datasets/0"));
  }

  private static void assertDeclared(JsonNode schema, JsonNode properties, JsonNode object) {
    assertTrue(object.isObject(), "sample has the object " + object);
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      assertTrue(properties.has(field), "schema declares '" + field + "'");
    }
  }

  @Test
  void otherSchemaVersionIsRejectedNamingTheFile() throws IOException {
    String json = EvaluationResultJson.toJson(SampleResults.run("x-y", 3, 0))
        .replace("\"schema_version\" : 1", "\"schema_version\" : 2");
    Path file = dir.resolve("future.json");
    Files.writeString(file, json);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvaluationResultJson.read(file));
    assertTrue(e.getMessage().contains("future.json"), e.getMessage());
    assertTrue(e.getMessage().contains("schema_version 2"), e.getMessage());
  }

  @Test
  void missingSchemaVersionIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvaluationResultJson.parse("{\"run_name\":\"a\",\"benchmarks\":[]}", "a.json"));
    assertTrue(e.getMessage().startsWith("a.json: missing"), e.getMessage());
  }

  @Test
  void badFieldIsReportedWithLineAndPath() {
    String json = "{\n\"schema_version\": 1,\n\"run_name\": \"a\",\n\"benchmarks\": [{\n"
        + "\"name\": \"b\", \"protocol\": \"trec\",\n\"settings\": [{\"setting\": \"monolingual\","
        + " \"query_language\": \"en\", \"pool_language\": \"en\", \"queries\": -3,"
        + " \"skipped_queries\": 0}]}]}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvaluationResultJson.parse(json, "bad.json"));
    assertTrue(e.getMessage().startsWith("bad.json:"), e.getMessage());
    assertTrue(e.getMessage().contains("queries must be >= 0, got -3"), e.getMessage());
  }

  @Test
  void unknownFieldIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvaluationResultJson.parse(
            "{\"schema_version\":1,\"run_name\":\"a\",\"benchmarks\":[],\"colour\":1}", "u.json"));
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
  }

  @Test
  void validationQuotesOffendingValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SettingResult("monolingual", "en", "en", Map.of("map", Double.NaN), 1, 0));
    assertTrue(e.getMessage().contains("'map'") && e.getMessage().contains("NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new DatasetRef("d", null, "XYZ"));
    assertTrue(e.getMessage().contains("'XYZ'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Provenance(
        null, null, List.of(), null, null, null, null, "25/11/2026", null));
    assertTrue(e.getMessage().contains("'25/11/2026'"), e.getMessage());
  }

  @Test
  void macroAndPerLanguageAggregatesAreComputedWhenNotStored() {
    EvaluationResult r = SampleResults.run("hybrid", 11, 0);
    BenchmarkResult b = r.benchmark("xquad-r").orElseThrow();
    double crossSum = 0;
    int n = 0;
    double deSum = 0;
    int deN = 0;
    for (SettingResult s : b.pairRows(SettingResult.CROSS_LINGUAL)) {
      crossSum += s.metric("map");
      n++;
      if (s.queryLanguage().equals("de")) {
        deSum += s.metric("map");
        deN++;
      }
    }
    assertEquals(6, n);
    assertEquals(crossSum / n, b.macro(SettingResult.CROSS_LINGUAL, "map").getAsDouble(), 1e-12);
    assertEquals(deSum / deN,
        b.byQueryLanguage(SettingResult.CROSS_LINGUAL, "map", "de").getAsDouble(), 1e-12);
    // The stored monolingual macro row wins over recomputation.
    assertEquals(b.find("monolingual", "*", "*").orElseThrow().metric("map"),
        b.macro(SettingResult.MONOLINGUAL, "map").getAsDouble());
    assertEquals(List.of("map", "recall@10"), b.metricNames(SettingResult.MULTILINGUAL));
  }

  @Test
  void metricOrderIsNumericWithinFamily() {
    List<String> names = new java.util.ArrayList<>(
        List.of("recall@100", "success@1", "recall@5", "map", "ndcg@10", "recall@10", "mrr@10"));
    names.sort(MetricNames.ORDER);
    assertEquals(List.of("map", "ndcg@10", "mrr@10", "recall@5", "recall@10", "recall@100",
        "success@1"), names);
    assertEquals("R@10", MetricNames.label("recall@10"));
    assertEquals("mAP", MetricNames.label("map"));
    assertEquals("nDCG@10", MetricNames.label("ndcg@10"));
  }

  @Test
  void paperReferencesHoldTheTables() {
    assertEquals(60, PaperReferences.all().size());
    ReferenceValue hybridCross = PaperReferences.forBenchmark("xquad-r").stream()
        .filter(v -> v.model().equals("LaBSE") && v.sampling().equals("Hybrid")
            && v.setting().equals("cross-lingual"))
        .findFirst().orElseThrow();
    assertEquals(0.767, hybridCross.value());
    assertEquals("paper: LaBSE Hybrid", hybridCross.label());
  }

  @Test
  void readAllAcceptsAnObjectOrAnArrayAndNamesTheBadElement() throws IOException {
    EvaluationResult a = SampleResults.run("a", 1, 0);
    EvaluationResult b = SampleResults.run("b", 2, 0.1);
    Path many = dir.resolve("many.json");
    EvaluationResultJson.writeAll(List.of(a, b), many);
    assertEquals(List.of(a, b), EvaluationResultJson.readAll(many));
    Path one = dir.resolve("one.json");
    EvaluationResultJson.write(a, one);
    assertEquals(List.of(a), EvaluationResultJson.readAll(one));
    Files.writeString(many, "[" + EvaluationResultJson.toJson(a) + ", {\"schema_version\": 9}]");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvaluationResultJson.readAll(many));
    assertTrue(e.getMessage().startsWith(many + "[1]: schema_version 9"), e.getMessage());
  }

  @Test
  void currentMachineIsDescribed() {
    Machine m = Machine.describeCurrent("none");
    int cores = Runtime.getRuntime().availableProcessors();
    assertTrue(m.cpu().endsWith(", " + cores + (cores == 1 ? " core" : " cores")), m.cpu());
    assertEquals("none", m.gpu());
    assertTrue(m.runtime().contains(System.getProperty("java.version")), m.runtime());
  }
}

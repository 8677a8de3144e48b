package io.polyret.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.eval.EncodingOptions;
import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.EvaluationResultJson;
import io.polyret.reports.model.SettingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TREC / MIRACL evaluations and the evaluation settings' validation. */
class EvaluationJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /**
   * Writes the demo's English evaluation split as a TREC collection: each question a topic, each
   * sentence a document, the gold sentence judged relevant.
   */
  private Path[] trecCollection() throws Exception {
    JsonNode en = JSON.readTree(DemoData.folder().resolve("eval/en.json").toFile());
    List<String> topics = new ArrayList<>();
    List<String> qrels = new ArrayList<>();
    List<String> corpus = new ArrayList<>();
    int p = 0;
    for (JsonNode article : en.get("data")) {
      for (JsonNode paragraph : article.get("paragraphs")) {
        JsonNode breaks = paragraph.get("sentence_breaks");
        for (int s = 0; s < breaks.size(); s++) {
          ObjectNode doc = JSON.createObjectNode();
          doc.put("docid", p + "#" + s);
          doc.put("title", article.get("title").asText());
          doc.put("text", paragraph.get("sentences").get(s).asText());
          corpus.add(doc.toString());
        }
        for (JsonNode qa : paragraph.get("qas")) {
          String qid = qa.get("id").asText();
          topics.add(qid + "\t" + qa.get("question").asText());
          int start = qa.get("answers").get(0).get("answer_start").asInt();
          for (int s = 0; s < breaks.size(); s++) {
            if (breaks.get(s).get(0).asInt() <= start && start < breaks.get(s).get(1).asInt()) {
              qrels.add(qid + " Q0 " + p + "#" + s + " 1");
            }
          }
        }
        p++;
      }
    }
    Path dir = Files.createDirectories(tmp.resolve("trec"));
    Files.write(dir.resolve("topics.tsv"), topics);
    Files.write(dir.resolve("qrels.txt"), qrels);
    Path corpusDir = Files.createDirectories(dir.resolve("corpus"));
    Files.write(corpusDir.resolve("docs-00.jsonl"), corpus);
    return new Path[] {dir.resolve("topics.tsv"), dir.resolve("qrels.txt"), corpusDir};
  }

  @Test
  void evaluatesATrecCollectionAsMiracl() throws Exception {
    Path[] c = trecCollection();
    Path out = tmp.resolve("evaluation.json");
    EvaluationJobConfig config = EvaluationJobConfig.miracl(tmp, c[0], c[1], List.of(c[2]), "en", out)
        .withRunName("chars").withRunFiles(tmp.resolve("runs"), 0);
    EvaluationJob.evaluate(TrainEvaluateReportTest.charEncoder(), EncodingOptions.defaults(), config);

    EvaluationResult r = EvaluationResultJson.read(out);
    BenchmarkResult b = r.benchmark("miracl").orElseThrow();
    assertEquals(BenchmarkResult.PROTOCOL_MIRACL, b.protocol());
    SettingResult row = b.find(SettingResult.MONOLINGUAL, "en", "en").orElseThrow();
    assertEquals(160, row.queries());
    assertEquals(160, b.candidatesByLanguage().get("en"));
    assertEquals(List.of("ndcg@10", "recall@100"), List.copyOf(row.metrics().keySet()));
    row.metrics().forEach((m, v) -> assertTrue(v > 0 && v <= 1, m + "=" + v));
    assertEquals(3, r.provenance().datasets().size(), "topics, qrels and one corpus file, hashed");
    List<String> run = Files.readAllLines(tmp.resolve("runs/miracl-en.run"));
    assertEquals(160 * 100, run.size(), "100 documents per query");
  }

  @Test
  void readsSettingsAndNamesBadFields() throws Exception {
    Path demo = DemoData.folder();
    ObjectNode n = JSON.createObjectNode();
    n.put("model", demo.toString());
    n.put("data", demo.resolve("eval").toString());
    n.put("output", tmp.resolve("e.json").toString());
    n.put("run_name", "x");
    n.put("languages", "de,en");
    EvaluationJobConfig c = EvaluationJobConfig.fromJson(n);
    assertEquals("x", c.effectiveRunName());
    assertEquals(List.of("de", "en"), c.languages());
    assertEquals("eval", c.effectiveBenchmark());
    assertEquals(c, EvaluationJobConfig.fromJson(c.toJson()));

    n.put("format", "beir");
    assertTrue(failure(n).startsWith("format: 'beir'"));
    n.put("format", "miracl");
    assertTrue(failure(n).startsWith("topics: "), failure(n));
    n.put("format", "lareqa");
    n.put("data", tmp.resolve("nothing").toString());
    assertTrue(failure(n).startsWith("data: "));
    n.put("data", demo.resolve("eval").toString());
    n.put("batchSize", 0);
    assertTrue(failure(n).contains("batchSize"));
    n.remove("batchSize");
    n.put("colour", "red");
    assertTrue(failure(n).contains("colour"));
  }

  @Test
  void aFolderThatHoldsNoModelIsRefusedNamingTheField() throws Exception {
    Path demo = DemoData.folder();
    String m = assertThrows(IllegalArgumentException.class, () -> EvaluationJob.run(
        EvaluationJobConfig.of(tmp, demo.resolve("eval"), tmp.resolve("e.json")))).getMessage();
    assertTrue(m.startsWith("model: ") && m.contains("neither"), m);
    assertTrue(!Files.exists(tmp.resolve("e.json")), "nothing written");
  }

  private static String failure(ObjectNode n) {
    return assertThrows(IllegalArgumentException.class, () -> EvaluationJobConfig.fromJson(n)).getMessage();
  }
}

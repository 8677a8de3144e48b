package io.polyret.core.eval.trec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.core.eval.EncodingOptions;
import io.polyret.core.eval.LookupEncoder;
import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.search.ScoreKernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrecEvaluatorTest {
  private static final Metric NDCG3 = Metric.parse("ndcg@3");
  private static final Metric RECALL3 = Metric.parse("recall@3");

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static LookupEncoder encoder() {
    Map<String, float[]> v = new HashMap<>();
    v.put("Q: one", new float[] {1, 0});
    v.put("Q: two", new float[] {0, 1});
    v.put("Q: four", new float[] {0.5f, 0.5f});
    v.put("P: T1 first", new float[] {1, 0});
    v.put("P: second", new float[] {0.8f, 0.6f});
    v.put("P: third", new float[] {0.6f, 0.8f});
    v.put("P: fourth", new float[] {0, 1});
    v.put("P: fifth", new float[] {0.8f, 0.6f});
    return new LookupEncoder(v, 2);
  }

  private static Path write(Path dir, String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void handComputedNdcgAndRecallWithTiesUnknownDocsAndMissingTopics(@TempDir Path dir)
      throws IOException {
    Path topics = write(dir, "topics.tsv", "q1\tone\nq2\ttwo\nq4\tfour\n");
    Path qrels = write(dir, "qrels.txt",
        "q1 Q0 d2 2\nq1 Q0 d4 1\nq1 Q0 d9 3\nq1 Q0 d3 0\nq2 0 d5 1\nq3 0 d1 1\n");
    Path corpus = write(dir, "corpus.jsonl",
        "{\"docid\":\"d1\",\"title\":\"T1\",\"text\":\"first\"}\n"
            + "{\"docid\":\"d2\",\"title\":\"\",\"text\":\"second\"}\n\n"
            + "{\"docid\":\"d3\",\"text\":\"third\"}\n"
            + "{\"docid\":\"d4\",\"title\":null,\"text\":\"fourth\"}\n"
            + "{\"docid\":\"d5\",\"title\":\"\",\"text\":\"fifth\"}\n");
    Path run = dir.resolve("out/run.txt");
    for (ScoreKernels.Kind kernel : ScoreKernels.Kind.values()) {
      TrecOptions options = new TrecOptions(List.of(NDCG3, RECALL3), 3, 2, kernel, 1, run);
      TrecResult r = new TrecEvaluator(options).evaluate(TrecTopics.read(topics),
          TrecQrels.read(qrels), List.of(corpus), encoder(), new EncodingOptions("Q: ", "P: ", 8,
              8, 2));
      // q1 ranks d1 (1.0), then the 0.8 tie d5 > d2 (docid descending): d2 (gain 2) at rank 3.
      // Judged relevant gains 2, 1, 3 (d9 is not in the corpus but still counts).
      double q1Ndcg = (2 / log2(4)) / (3 / log2(2) + 2 / log2(3) + 1 / log2(4));
      // q2 ranks d4, d3, then the 0.6 tie d5 > d2: d5 (gain 1) at rank 3; ideal 1 at rank 1.
      double q2Ndcg = 1 / log2(4);
      assertEquals(q1Ndcg, r.perQuery().get("q1")[0], 1e-9);
      assertEquals(q2Ndcg, r.perQuery().get("q2")[0], 1e-9);
      assertEquals(0.0, r.perQuery().get("q3")[0]);
      assertEquals((q1Ndcg + q2Ndcg + 0) / 3, r.mean(NDCG3), 1e-9);
      assertEquals((1.0 / 3 + 1.0 + 0) / 3, r.mean(RECALL3), 1e-9);
      assertEquals(3, r.queries());
      assertEquals(1, r.queriesWithoutTopic());
      assertEquals(1, r.topicsWithoutJudgments());
      assertEquals(5, r.documents());
      assertEquals(1, r.unknownJudgedDocuments());
      List<String> lines = Files.readAllLines(run);
      assertEquals(List.of("q1 Q0 d1 1 1.0 polyret", "q1 Q0 d5 2 0.8 polyret",
          "q1 Q0 d2 3 0.8 polyret", "q2 Q0 d4 1 1.0 polyret", "q2 Q0 d3 2 0.8 polyret",
          "q2 Q0 d5 3 0.6 polyret"), lines);
      assertFalse(Files.exists(dir.resolve("out/run.txt.tmp")));
    }
  }

  @Test
  void emptyCorpusAndWrongDimensionFailWithoutWritingARun(@TempDir Path dir) throws IOException {
    Path topics = write(dir, "topics.tsv", "q1\tone\n");
    Path qrels = write(dir, "qrels.txt", "q1 0 d1 1\n");
    Path empty = write(dir, "empty.jsonl", "\n");
    Path run = dir.resolve("run.txt");
    TrecOptions options = new TrecOptions(List.of(NDCG3), 3, 2, ScoreKernels.Kind.JAVA, 1, run);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrecEvaluator(options).evaluate(TrecTopics.read(topics), TrecQrels.read(qrels),
            List.of(empty), encoder(), new EncodingOptions("Q: ", "P: ", 8, 8, 2)));
    assertTrue(e.getMessage().contains("empty corpus"), e.getMessage());
    Path corpus = write(dir, "c.jsonl", "{\"docid\":\"d1\",\"title\":\"T1\",\"text\":\"first\"}\n");
    Map<String, float[]> v = new HashMap<>();
    v.put("Q: one", new float[] {1, 0});
    v.put("P: T1 first", new float[] {1, 0, 0});
    e = assertThrows(IllegalArgumentException.class,
        () -> new TrecEvaluator(options).evaluate(TrecTopics.read(topics), TrecQrels.read(qrels),
            List.of(corpus), new LookupEncoder(v, 2), new EncodingOptions("Q: ", "P: ", 8, 8, 2)));
    assertTrue(e.getMessage().contains("dimension 3"), e.getMessage());
    assertFalse(Files.exists(run));
  }

  @Test
  void runningTopKKeepsTheBestInTrecOrder() {
    RunningTopK top = new RunningTopK(3);
    String[] ids = {"b", "a", "c", "d", "e"};
    float[] scores = {0.5f, 0.5f, 0.1f, 0.5f, 0.9f};
    for (int i = 0; i < ids.length; i++) {
      top.offer(scores[i], ids[i]);
    }
    float[] s = new float[3];
    assertEquals(List.of("e", "d", "b"), List.of(top.ranked(s)));
    assertEquals(0.9f, s[0]);
  }
}

package io.polyret.core.eval.trec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.polyret.core.eval.EncodingOptions;
import io.polyret.core.eval.RandomTextEncoder;
import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.search.ScoreKernels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrecFormatsTest {
  private static Path miracl() {
    Path p = Path.of(System.getProperty("polyret.shared.dir", "../shared"), "data", "miracl-sample");
    assumeTrue(Files.isDirectory(p), "shared MIRACL sample absent at " + p);
    return p;
  }

  @Test
  void readsMiraclSampleTopicsQrelsAndCorpus() throws IOException {
    Path m = miracl();
    Map<String, String> sw = TrecTopics.read(m.resolve("topics/topics.miracl-v1.0-sw-dev.tsv"));
    Map<String, String> te = TrecTopics.read(m.resolve("topics/topics.miracl-v1.0-te-dev.tsv"));
    assertEquals(482, sw.size());
    assertEquals(828, te.size());
    assertEquals("Bandari kubwa nchini Kenya iko wapi?", sw.get("6"));
    TrecQrels q = TrecQrels.read(m.resolve("qrels/qrels.miracl-v1.0-sw-dev.tsv"));
    assertEquals(482, q.queryIds().size());
    assertTrue(q.relevantGains("6").length >= 1);
    for (String lang : List.of("ar", "en", "ja", "sw", "te", "th")) {
      try (JsonlCorpus c = new JsonlCorpus(List.of(m.resolve("corpus-format/" + lang
          + "/corpus.jsonl.gz")))) {
        List<JsonlCorpus.Document> docs = c.next(100);
        assertEquals(4, docs.size(), lang);
        assertTrue(docs.get(0).docid().contains("#"), docs.get(0).docid());
        assertTrue(c.next(100).isEmpty());
      }
    }
  }

  @Test
  void miraclSampleRunsEndToEndAndCountsUnknownJudgedDocuments() throws IOException {
    Path m = miracl();
    Path corpus = m.resolve("corpus-format/sw/corpus.jsonl.gz");
    Set<String> corpusIds = new HashSet<>();
    try (JsonlCorpus c = new JsonlCorpus(List.of(corpus))) {
      c.next(100).forEach(d -> corpusIds.add(d.docid()));
    }
    TrecQrels qrels = TrecQrels.read(m.resolve("qrels/qrels.miracl-v1.0-sw-dev.tsv"));
    int unknown = 0;
    for (String qid : qrels.queryIds()) {
      for (String d : qrels.judged(qid).keySet()) {
        unknown += corpusIds.contains(d) ? 0 : 1;
      }
    }
    TrecOptions options = new TrecOptions(List.of(Metric.parse("ndcg@10"),
        Metric.parse("recall@100")), 100, 3, ScoreKernels.Kind.JAVA, 1, null);
    TrecResult r = new TrecEvaluator(options).evaluate(
        TrecTopics.read(m.resolve("topics/topics.miracl-v1.0-sw-dev.tsv")), qrels,
        List.of(corpus), new RandomTextEncoder(16, 1), EncodingOptions.defaults());
    assertEquals(482, r.queries());
    assertEquals(4, r.documents());
    assertEquals(unknown, r.unknownJudgedDocuments());
    assertEquals(qrels.size(), unknown, "the format fixture is not the judged corpus");
    assertEquals(0.0, r.mean(Metric.parse("ndcg@10")));
  }

  @Test
  void duplicateDocidsNameBothFilesAndLines(@TempDir Path dir) throws IOException {
    Path a = dir.resolve("a.jsonl");
    Files.writeString(a, "{\"docid\":\"x\",\"text\":\"1\"}\n{\"docid\":\"y\",\"text\":\"2\"}\n");
    Path b = dir.resolve("b.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(b))) {
      out.write("{\"docid\":\"z\",\"text\":\"3\"}\n{\"docid\":\"y\",\"text\":\"4\"}\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    try (JsonlCorpus c = new JsonlCorpus(List.of(a, b))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.next(10));
      assertTrue(e.getMessage().contains(b + ":2"), e.getMessage());
      assertTrue(e.getMessage().contains("'y'"), e.getMessage());
      assertTrue(e.getMessage().contains(a + ":2"), e.getMessage());
    }
  }

  @Test
  void badLinesNameFileAndLine(@TempDir Path dir) throws IOException {
    Path corpus = dir.resolve("c.jsonl");
    Files.writeString(corpus, "{\"docid\":\"x\",\"text\":\"1\"}\n{\"docid\":\"y\",\"txt\":\"2\"}\n");
    try (JsonlCorpus c = new JsonlCorpus(List.of(corpus))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.next(10));
      assertTrue(e.getMessage().contains(corpus + ":2") && e.getMessage().contains("'text'"),
          e.getMessage());
    }
    Files.writeString(corpus, "{\"docid\":\"x\",\"text\":\"1\"}\n{not json\n");
    try (JsonlCorpus c = new JsonlCorpus(List.of(corpus))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.next(10));
      assertTrue(e.getMessage().contains(corpus + ":2"), e.getMessage());
    }
    Path topics = dir.resolve("t.tsv");
    Files.writeString(topics, "1\tok\n2 no tab\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrecTopics.read(topics));
    assertTrue(e.getMessage().contains(topics + ":2"), e.getMessage());
    Path qrels = dir.resolve("q.txt");
    Files.writeString(qrels, "1 0 d1 1\n1 0 d2 high\n");
    e = assertThrows(IllegalArgumentException.class, () -> TrecQrels.read(qrels));
    assertTrue(e.getMessage().contains(qrels + ":2") && e.getMessage().contains("'high'"),
        e.getMessage());
    Files.writeString(qrels, "1 0 d1 1\n1 0 d1 0\n");
    e = assertThrows(IllegalArgumentException.class, () -> TrecQrels.read(qrels));
    assertTrue(e.getMessage().contains("judged twice"), e.getMessage());
  }

  @Test
  void hashCollisionsDoNotFakeDuplicates() {
    List<String> ids = new ArrayList<>();
    LongLongMap map = new LongLongMap();
    for (int i = 0; i < 100_000; i++) {
      ids.add("doc#" + i);
      assertEquals(-1, map.putIfAbsent(JsonlCorpus.hash64(ids.get(i)), i));
    }
    assertEquals(5, map.putIfAbsent(JsonlCorpus.hash64("doc#5"), 99));
  }
}

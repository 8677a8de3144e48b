package io.polyret.core.eval.trec;

import io.polyret.core.eval.BatchedEncoding;
import io.polyret.core.eval.EncodingOptions;
import io.polyret.core.eval.TextEncoder;
import io.polyret.core.eval.metrics.Metric;
import io.polyret.core.eval.metrics.RelevantRanks;
import io.polyret.core.eval.search.ScoreKernel;
import io.polyret.core.eval.search.ScoreKernels;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dense retrieval evaluation over TREC topics, qrels and a JSON-lines corpus (MIRACL, or any
 * collection in these formats). The corpus streams through in chunks: each chunk is encoded,
 * scored against all queries, and folded into a running top-k per query, so memory holds the
 * queries, one chunk and the top lists, never the corpus.
 */
public final class TrecEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(TrecEvaluator.class);

  private final TrecOptions options;

  /** An evaluator with {@code options}. */
  public TrecEvaluator(TrecOptions options) {
    this.options = options;
  }

  /**
   * Encodes topics and corpus with {@code encoder} and evaluates.
   *
   * @throws IllegalArgumentException for bad input files (naming file and line), an empty corpus,
   *     or embeddings of the wrong dimension
   */
  public TrecResult evaluate(Map<String, String> topics, TrecQrels qrels, List<Path> corpusFiles,
      TextEncoder encoder, EncodingOptions encoding) throws IOException {
    List<String> qids = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    int missing = 0;
    for (String qid : qrels.queryIds()) {
      String text = topics.get(qid);
      if (text == null) {
        missing++;
      } else {
        qids.add(qid);
        texts.add(text);
      }
    }
    int unjudgedTopics = 0;
    for (String qid : topics.keySet()) {
      if (qrels.judged(qid).isEmpty()) {
        unjudgedTopics++;
      }
    }
    if (missing > 0) {
      LOG.warn("{} of {} qrels queries have no topic; they count as 0 (trec_eval -c)", missing,
          qrels.queryIds().size());
    }
    if (qids.isEmpty()) {
      throw new IllegalArgumentException("no qrels query has a topic: nothing to evaluate");
    }
    int dim = encoder.dimension();
    float[] queries = BatchedEncoding.encode(encoder, texts, encoding.queryPrefix(),
        encoding.queryMaxLength(), encoding.batchSize());

    Set<String> judgedDocs = new HashSet<>();
    for (String qid : qrels.queryIds()) {
      judgedDocs.addAll(qrels.judged(qid).keySet());
    }
    Set<String> foundJudged = new HashSet<>();
    RunningTopK[] tops = new RunningTopK[qids.size()];
    for (int i = 0; i < tops.length; i++) {
      tops[i] = new RunningTopK(options.depth());
    }
    int documents;
    int nq = qids.size();
    // Queries are the kernel's fixed side; each corpus chunk is a block of "query" rows for it.
    try (JsonlCorpus corpus = new JsonlCorpus(corpusFiles);
        ScoreKernel kernel = ScoreKernels.create(options.kernel(), queries, nq, dim,
            options.threads(), options.allowGpu())) {
      float[] scores = new float[0];
      while (true) {
        List<JsonlCorpus.Document> chunk = corpus.next(options.chunkDocuments());
        if (chunk.isEmpty()) {
          break;
        }
        List<String> contents = new ArrayList<>(chunk.size());
        for (JsonlCorpus.Document d : chunk) {
          contents.add(d.contents());
          if (judgedDocs.contains(d.docid())) {
            foundJudged.add(d.docid());
          }
        }
        float[] docs = BatchedEncoding.encode(encoder, contents, encoding.passagePrefix(),
            encoding.passageMaxLength(), encoding.batchSize());
        if (scores.length < chunk.size() * nq) {
          scores = new float[chunk.size() * nq];
        }
        kernel.score(docs, 0, chunk.size(), scores);
        for (int d = 0; d < chunk.size(); d++) {
          String docid = chunk.get(d).docid();
          int base = d * nq;
          for (int q = 0; q < nq; q++) {
            float s = scores[base + q];
            if (tops[q].mayAccept(s)) {
              tops[q].offer(s, docid);
            }
          }
        }
      }
      documents = corpus.documentsRead();
    }
    if (documents == 0) {
      throw new IllegalArgumentException("empty corpus (empty pool): " + corpusFiles);
    }
    int unknown = 0;
    for (String qid : qrels.queryIds()) {
      for (String docid : qrels.judged(qid).keySet()) {
        if (!foundJudged.contains(docid)) {
          unknown++;
        }
      }
    }
    if (unknown > 0) {
      LOG.warn("{} of {} judgments name documents that are not in the corpus", unknown,
          qrels.size());
    }

    List<Metric> metrics = options.metrics();
    Map<String, double[]> perQuery = new LinkedHashMap<>();
    Map<String, String[]> rankedByQid = new LinkedHashMap<>();
    Map<String, float[]> scoresByQid = new LinkedHashMap<>();
    for (int q = 0; q < nq; q++) {
      float[] s = new float[tops[q].size()];
      rankedByQid.put(qids.get(q), tops[q].ranked(s));
      scoresByQid.put(qids.get(q), s);
    }
    double[] sums = new double[metrics.size()];
    for (String qid : qrels.queryIds()) {
      double[] values = new double[metrics.size()];
      String[] ranked = rankedByQid.get(qid);
      if (ranked != null) {
        Map<String, Integer> judged = qrels.judged(qid);
        List<Integer> ranks = new ArrayList<>();
        List<Integer> gains = new ArrayList<>();
        for (int i = 0; i < ranked.length; i++) {
          Integer rel = judged.get(ranked[i]);
          if (rel != null && rel >= 1) {
            ranks.add(i + 1);
            gains.add(rel);
          }
        }
        RelevantRanks rr = RelevantRanks.of(ranks.stream().mapToInt(Integer::intValue).toArray(),
            gains.stream().mapToInt(Integer::intValue).toArray(), qrels.relevantGains(qid));
        for (int m = 0; m < metrics.size(); m++) {
          values[m] = metrics.get(m).compute(rr);
        }
      }
      perQuery.put(qid, values);
      for (int m = 0; m < metrics.size(); m++) {
        sums[m] += values[m];
      }
    }
    int n = qrels.queryIds().size();
    double[] means = new double[metrics.size()];
    for (int m = 0; m < means.length; m++) {
      means[m] = sums[m] / n;
    }
    if (options.runFile() != null) {
      writeRun(options.runFile(), rankedByQid, scoresByQid);
    }
    return new TrecResult(metrics, means, perQuery, n, missing, unjudgedTopics, documents,
        unknown);
  }

  private static void writeRun(Path file, Map<String, String[]> ranked,
      Map<String, float[]> scores) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = parent.resolve(file.getFileName() + ".tmp");
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
      for (Map.Entry<String, String[]> e : ranked.entrySet()) {
        float[] s = scores.get(e.getKey());
        for (int i = 0; i < e.getValue().length; i++) {
          TrecFiles.writeRunLine(w, e.getKey(), e.getValue()[i], i + 1, s[i], "polyret");
        }
      }
    } catch (IOException | RuntimeException ex) {
      Files.deleteIfExists(tmp);
      throw ex;
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

package io.polyret.core.eval.lareqa;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small LAReQA-like benchmarks with integer embeddings (exact scores, many ties) for tests. */
final class SyntheticLareqa {
  final LareqaBenchmark benchmark;
  final float[] queries;
  final float[] candidates;
  final int dimension;

  /**
   * @param ids question ids; id i exists in language l when (i + l) % 4 != 3 and always in
   *     language 0 when {@code sparse}; in every language otherwise
   */
  SyntheticLareqa(long seed, int languages, int ids, int candidatesPerLanguage, int dimension,
      boolean sparse, int valueRange) {
    Random random = new Random(seed);
    this.dimension = dimension;
    List<LareqaBenchmark.Language> langs = new ArrayList<>();
    List<float[]> q = new ArrayList<>();
    List<float[]> c = new ArrayList<>();
    for (int l = 0; l < languages; l++) {
      String code = "l" + (char) ('a' + l);
      List<LareqaBenchmark.Candidate> cands = new ArrayList<>();
      for (int i = 0; i < candidatesPerLanguage; i++) {
        // Mixed docid shapes so string order differs from numeric order.
        cands.add(new LareqaBenchmark.Candidate(code + "-" + (random.nextInt(3) == 0 ? "x" : "")
            + i, "sentence " + i + " of " + code));
        c.add(vector(random, dimension, valueRange));
      }
      List<LareqaBenchmark.Question> qs = new ArrayList<>();
      for (int i = 0; i < ids; i++) {
        if (sparse && l > 0 && (i + l) % 4 == 3) {
          continue;
        }
        qs.add(new LareqaBenchmark.Question("q" + i, "question " + i + " in " + code,
            random.nextInt(candidatesPerLanguage)));
        q.add(vector(random, dimension, valueRange));
      }
      langs.add(new LareqaBenchmark.Language(code, qs, cands));
    }
    benchmark = new LareqaBenchmark("synthetic", langs);
    queries = flatten(q, dimension);
    candidates = flatten(c, dimension);
  }

  private static float[] vector(Random random, int dimension, int range) {
    float[] v = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      v[i] = random.nextInt(2 * range + 1) - range;
    }
    return v;
  }

  static float[] flatten(List<float[]> rows, int dimension) {
    float[] out = new float[rows.size() * dimension];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, out, i * dimension, dimension);
    }
    return out;
  }
}

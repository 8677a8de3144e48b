package io.polyret.core.eval.metrics;

/** The ranking metrics polyret computes, with trec_eval's definitions. */
public enum MetricKind {
  /** Average precision; with a cutoff, trec_eval's {@code map_cut} (still divided by all relevant). */
  AP("map", "map", "map_cut"),
  /** nDCG with gain = judged relevance and discount log2(rank + 1); trec_eval's {@code ndcg_cut}. */
  NDCG("ndcg", "ndcg", "ndcg_cut"),
  /** Relevant retrieved within the cutoff / all relevant; trec_eval's {@code recall}. */
  RECALL("recall", null, "recall"),
  /** Reciprocal rank of the first relevant document; trec_eval's {@code recip_rank}. */
  MRR("mrr", "recip_rank", "recip_rank"),
  /** 1 when a relevant document is within the cutoff; trec_eval's {@code success}. */
  SUCCESS("success", null, "success");

  private final String label;
  private final String trecNameWithoutCutoff;
  private final String trecNameWithCutoff;

  MetricKind(String label, String trecNameWithoutCutoff, String trecNameWithCutoff) {
    this.label = label;
    this.trecNameWithoutCutoff = trecNameWithoutCutoff;
    this.trecNameWithCutoff = trecNameWithCutoff;
  }

  /** Short lower-case name used in metric specs ({@code "ndcg"} in {@code "ndcg@10"}). */
  public String label() {
    return label;
  }

  /** Whether the metric exists without a cutoff. */
  public boolean allowsNoCutoff() {
    return trecNameWithoutCutoff != null;
  }

  String trecName(int cutoff) {
    return cutoff == 0 ? trecNameWithoutCutoff : trecNameWithCutoff;
  }
}

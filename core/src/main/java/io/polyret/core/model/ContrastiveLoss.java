package io.polyret.core.model;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The contrastive loss of a dual encoder over L2-normalised embeddings, as a graph.
 *
 * <p>Passages are laid out as {@code [positives (one per query, in query order); hard negatives]}.
 * Logits are cosine similarities over the temperature. The query-to-passage loss is a softmax
 * cross-entropy whose denominator is chosen by {@link LossMode}; the symmetric variant averages it
 * with a passage-to-query loss (each positive against every query of the batch). Losses are averaged
 * over the batch.
 *
 * <p>Cross-entropy uses {@code SoftmaxCrossEntropyWithLogits} with one-hot labels: the sparse variant
 * has no gradient in TF Java. Excluded logits get a large negative offset rather than -inf, which
 * keeps the masked entries' gradients exactly zero without producing NaN.
 */
public final class ContrastiveLoss {

  /** Offset that removes a logit from a softmax (exp underflows to exactly 0 in float32). */
  static final float MASKED_LOGIT = -1e9f;

  private ContrastiveLoss() {}

  /**
   * Builds the scalar loss.
   *
   * @param queries {@code [B, H]} L2-normalised query embeddings
   * @param passages {@code [B + N, H]} L2-normalised passages: B positives then N hard negatives
   * @param mode denominator of the query-to-passage direction
   * @param symmetric whether to average in the passage-to-query direction
   * @param temperature tau, the divisor of the cosine similarities
   */
  public static Operand<TFloat32> build(
      Ops tf, Operand<TFloat32> queries, Operand<TFloat32> passages, LossMode mode, boolean symmetric,
      double temperature) {
    Operand<TFloat32> similarities =
        tf.math.div(
            tf.linalg.matMul(queries, passages, org.tensorflow.op.linalg.MatMul.transposeB(true)),
            tf.constant((float) temperature));
    Operand<TInt32> numQueries = tf.squeeze(tf.slice(tf.shape(queries), tf.constant(new int[] {0}), tf.constant(new int[] {1})));
    Operand<TInt32> numPassages = tf.squeeze(tf.slice(tf.shape(passages), tf.constant(new int[] {0}), tf.constant(new int[] {1})));
    Operand<TInt32> rows = tf.range(tf.constant(0), numQueries, tf.constant(1));
    Operand<TFloat32> logits = similarities;
    if (mode == LossMode.PAPER) {
      // Column j is allowed for query i when j == i (its own positive) or j >= B (a hard negative).
      Operand<TInt32> cols = tf.range(tf.constant(0), numPassages, tf.constant(1));
      Operand<org.tensorflow.types.TBool> own =
          tf.math.equal(tf.expandDims(rows, tf.constant(1)), tf.expandDims(cols, tf.constant(0)));
      Operand<org.tensorflow.types.TBool> negative =
          tf.math.greaterEqual(tf.expandDims(cols, tf.constant(0)), numQueries);
      Operand<TFloat32> excluded =
          tf.math.sub(tf.constant(1f), tf.dtypes.cast(tf.math.logicalOr(own, negative), TFloat32.class));
      logits = tf.math.add(logits, tf.math.mul(excluded, tf.constant(MASKED_LOGIT)));
    }
    Operand<TFloat32> queryToPassage = meanCrossEntropy(tf, logits, rows, numPassages);
    if (!symmetric) {
      return queryToPassage;
    }
    // Passage-to-query: positives (the first B columns) against all queries of the batch, unmasked.
    Operand<TFloat32> positiveLogits =
        tf.slice(similarities, tf.constant(new int[] {0, 0}), tf.stack(Arrays.asList(tf.constant(-1), numQueries)));
    Operand<TFloat32> passageToQuery =
        meanCrossEntropy(tf, tf.linalg.transpose(positiveLogits, tf.constant(new int[] {1, 0})), rows, numQueries);
    return tf.math.mul(tf.constant(0.5f), tf.math.add(queryToPassage, passageToQuery));
  }

  private static Operand<TFloat32> meanCrossEntropy(
      Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, Operand<TInt32> numClasses) {
    Operand<TFloat32> oneHot = tf.oneHot(labels, numClasses, tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> perRow = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
    return tf.math.mean(perRow, tf.constant(0));
  }
}

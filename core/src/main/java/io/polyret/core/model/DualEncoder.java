package io.polyret.core.model;

import io.polyret.models.encoder.DropoutContext;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.encoder.ProductPrecision;
import io.polyret.models.encoder.TokenLayout;
import io.polyret.models.encoder.TransformerEncoder;
import io.polyret.models.tokenizer.EncodedBatch;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The dual-encoder training graph: ONE shared encoder applied to queries and to passages, cosine
 * scores over a temperature, and the contrastive loss. Two applications of the encoder are built
 * over the same inputs and variables: one with dropout (seeded per step, for training) and one
 * without (for validation).
 */
public final class DualEncoder {
  private final EncoderVariables variables;
  private final Placeholder<TInt32> queryIds;
  private final Placeholder<TInt32> queryMask;
  private final Placeholder<TInt32> passageIds;
  private final Placeholder<TInt32> passageMask;
  private final Placeholder<TInt64> dropoutSeed;
  private final Operand<TFloat32> trainingLoss;
  private final Operand<TFloat32> inferenceLoss;
  private final Operand<TFloat32> queryEmbeddings;
  private final Operand<TFloat32> passageEmbeddings;

  DualEncoder(
      EncoderVariables variables, Placeholder<TInt32> queryIds, Placeholder<TInt32> queryMask,
      Placeholder<TInt32> passageIds, Placeholder<TInt32> passageMask, Placeholder<TInt64> dropoutSeed,
      Operand<TFloat32> trainingLoss, Operand<TFloat32> inferenceLoss, Operand<TFloat32> queryEmbeddings,
      Operand<TFloat32> passageEmbeddings) {
    this.variables = variables;
    this.queryIds = queryIds;
    this.queryMask = queryMask;
    this.passageIds = passageIds;
    this.passageMask = passageMask;
    this.dropoutSeed = dropoutSeed;
    this.trainingLoss = trainingLoss;
    this.inferenceLoss = inferenceLoss;
    this.queryEmbeddings = queryEmbeddings;
    this.passageEmbeddings = passageEmbeddings;
  }

  /**
   * Builds the graph over existing encoder variables, with the {@link TokenLayout#PACKED packed}
   * token layout.
   *
   * @param temperature tau; logits are cosine similarities divided by it
   */
  public static DualEncoder build(
      Ops tf, EncoderVariables variables, Pooling pooling, LossMode mode, boolean symmetric, double temperature) {
    return build(tf, variables, pooling, mode, symmetric, temperature, TokenLayout.PACKED);
  }

  /**
   * Builds the graph over existing encoder variables. With {@link TokenLayout#PACKED} queries and
   * passages share one pass through the encoder's token-wise layers; {@link TokenLayout#PADDED}
   * keeps static padded shapes (for XLA).
   *
   * @param temperature tau; logits are cosine similarities divided by it
   */
  public static DualEncoder build(
      Ops tf, EncoderVariables variables, Pooling pooling, LossMode mode, boolean symmetric, double temperature,
      TokenLayout layout) {
    return build(tf, variables, pooling, mode, symmetric, temperature, layout, ProductPrecision.FLOAT32);
  }

  /**
   * As {@link #build(Ops, EncoderVariables, Pooling, LossMode, boolean, double, TokenLayout)}, with the
   * encoder's dense products in {@code precision} (the loss and everything outside those products
   * stay float32).
   */
  public static DualEncoder build(
      Ops tf, EncoderVariables variables, Pooling pooling, LossMode mode, boolean symmetric, double temperature,
      TokenLayout layout, ProductPrecision precision) {
    Shape matrix = Shape.of(-1, -1);
    Placeholder<TInt32> qIds = tf.withName("dual.query_ids").placeholder(TInt32.class, Placeholder.shape(matrix));
    Placeholder<TInt32> qMask = tf.withName("dual.query_mask").placeholder(TInt32.class, Placeholder.shape(matrix));
    Placeholder<TInt32> pIds = tf.withName("dual.passage_ids").placeholder(TInt32.class, Placeholder.shape(matrix));
    Placeholder<TInt32> pMask = tf.withName("dual.passage_mask").placeholder(TInt32.class, Placeholder.shape(matrix));
    Placeholder<TInt64> seed = tf.withName("dual.dropout_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));

    List<Operand<TInt32>> ids = List.of(qIds, pIds);
    List<Operand<TInt32>> masks = List.of(qMask, pMask);
    List<Operand<TFloat32>> train =
        TransformerEncoder.embedAll(tf, variables, ids, masks, pooling, DropoutContext.training(seed), layout, precision);
    Operand<TFloat32> trainLoss = tf.withName("dual.training_loss").identity(
        ContrastiveLoss.build(tf, train.get(0), train.get(1), mode, symmetric, temperature));

    List<Operand<TFloat32>> eval =
        TransformerEncoder.embedAll(tf, variables, ids, masks, pooling, DropoutContext.inference(), layout, precision);
    Operand<TFloat32> evalLoss = tf.withName("dual.validation_loss").identity(
        ContrastiveLoss.build(tf, eval.get(0), eval.get(1), mode, symmetric, temperature));
    return new DualEncoder(variables, qIds, qMask, pIds, pMask, seed, trainLoss, evalLoss, eval.get(0), eval.get(1));
  }

  /**
   * Dropout seed for a step: a pure function of the run seed and the step. The encoder adds each
   * dropout site's index to the second component, so the step goes, mixed, into the first one
   * (otherwise site k of step s and site k - 1 of step s + 1 would share a mask).
   */
  public static long[] dropoutSeed(long runSeed, long step) {
    return new long[] {mix(runSeed * 0x9E3779B97F4A7C15L + step), runSeed};
  }

  /** SplitMix64's finaliser: spreads nearby inputs over the whole range. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Feeds a batch (and, for training, the step's dropout seed) into {@code runner}; the returned
   * tensors must be closed after the run.
   */
  public List<Tensor> feed(Session.Runner runner, EncodedTriplets batch, long[] seed) {
    List<Tensor> tensors = new ArrayList<>(5);
    try {
      feedSide(runner, tensors, queryIds, queryMask, batch.queries());
      feedSide(runner, tensors, passageIds, passageMask, batch.passages());
      Tensor s = org.tensorflow.types.TInt64.vectorOf(seed == null ? new long[] {0, 0} : seed);
      tensors.add(s);
      runner.feed(dropoutSeed, s);
    } catch (RuntimeException e) {
      tensors.forEach(Tensor::close);
      throw e;
    }
    return tensors;
  }

  private static void feedSide(
      Session.Runner runner, List<Tensor> out, Placeholder<TInt32> idsPh, Placeholder<TInt32> maskPh, EncodedBatch b) {
    TInt32 ids = matrix(b.ids());
    out.add(ids);
    TInt32 mask = matrix(b.mask());
    out.add(mask);
    runner.feed(idsPh, ids).feed(maskPh, mask);
  }

  /** A {@code [rows, width]} int32 tensor of a rectangular array. */
  public static TInt32 matrix(int[][] rows) {
    int width = rows.length == 0 ? 0 : rows[0].length;
    int[] flat = new int[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return TInt32.tensorOf(Shape.of(rows.length, width), DataBuffers.of(flat, true, false));
  }

  public EncoderVariables variables() {
    return variables;
  }

  /** Loss with dropout (feed a dropout seed). */
  public Operand<TFloat32> trainingLoss() {
    return trainingLoss;
  }

  /** Loss without dropout (the dropout seed is fed but unused). */
  public Operand<TFloat32> validationLoss() {
    return inferenceLoss;
  }

  /** Query embeddings without dropout, {@code [B, H]}. */
  public Operand<TFloat32> queryEmbeddings() {
    return queryEmbeddings;
  }

  /** Passage embeddings without dropout, {@code [B + N, H]}. */
  public Operand<TFloat32> passageEmbeddings() {
    return passageEmbeddings;
  }
}

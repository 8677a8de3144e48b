package io.polyret.models.encoder;

import io.polyret.models.config.EncoderConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Cumsum;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The {@link TokenLayout#PACKED} encoder graph. The real tokens of every batch are rows of one
 * {@code [tokens, hidden]} matrix that the token-wise layers (embeddings, projections, feed-forward,
 * LayerNorm, dropout) process once; for attention each batch's rows are gathered into its padded
 * {@code [batch*seq, 3*hidden]} shape, and the merged context is gathered back to token rows.
 *
 * <p>Padded slots read packed row 0 when gathered: finite values that the attention mask gives
 * probability exactly 0 as keys, whose query results are never gathered back, and that pooling
 * multiplies by a 0 mask, so neither they nor their (zero) gradients change any real token's state.
 */
final class PackedTokens {

  private PackedTokens() {}

  /** Where one padded batch's slots live in the packed matrix. */
  private record Slots(Operand<TInt32> shape, Operand<TInt32> packedRowOfSlot, Operand<TFloat32> attentionBias) {}

  /** Last hidden states {@code [batch_i, seq_i, hidden]} of each batch; padded positions hold no meaning. */
  static List<Operand<TFloat32>> hiddenStates(
      Ops tf, EncoderVariables vars, List<? extends Operand<TInt32>> inputIds,
      List<? extends Operand<TInt32>> attentionMasks, DropoutContext dropout, ProductPrecision precision) {
    EncoderConfig c = vars.config();
    Operand<TInt32> flat = tf.constant(new int[] {-1});
    Operand<TInt32> tokenOffset = tf.constant(0);
    Operand<TInt32> slotOffset = tf.constant(0);
    List<Slots> batches = new ArrayList<>();
    List<Operand<TInt32>> ids = new ArrayList<>();
    List<Operand<TInt32>> positions = new ArrayList<>();
    List<Operand<TInt32>> slotsOfTokens = new ArrayList<>();
    for (int i = 0; i < inputIds.size(); i++) {
      Operand<TInt32> mask = attentionMasks.get(i);
      Operand<TInt32> shape = tf.shape(inputIds.get(i));
      Operand<TInt32> seqLen = tf.gather(shape, tf.constant(1), tf.constant(0));
      Operand<TInt32> flatMask = tf.reshape(mask, flat);
      Operand<TInt32> slotCount = tf.size(flatMask);
      Operand<TInt32> slotIndex = tf.range(tf.constant(0), slotCount, tf.constant(1));
      // A row's first slot always counts as a token, so a batch with rows has a row 0 to read.
      Operand<TBool> keep = tf.math.logicalOr(
          tf.math.notEqual(flatMask, tf.constant(0)),
          tf.math.equal(tf.math.floorMod(slotIndex, seqLen), tf.constant(0)));
      Operand<TInt32> localSlots = tf.reshape(tf.dtypes.cast(tf.where(keep), TInt32.class), flat);
      Operand<TInt32> rank = tf.math.add(
          tf.math.cumsum(tf.dtypes.cast(keep, TInt32.class), tf.constant(0), Cumsum.exclusive(true)), tokenOffset);
      Operand<TInt32> packedRowOfSlot = tf.select(keep, rank, tf.zerosLike(rank));
      slotsOfTokens.add(tf.math.add(localSlots, slotOffset));
      ids.add(tf.gather(tf.reshape(inputIds.get(i), flat), localSlots, tf.constant(0)));
      if (c.isXlmRoberta()) {
        // XLM-R numbers real tokens from pad_token_id + 1; padding gets pad_token_id.
        Operand<TInt32> counted = tf.math.add(
            tf.math.mul(tf.math.cumsum(mask, tf.constant(1)), mask), tf.constant(c.padTokenId()));
        positions.add(tf.gather(tf.reshape(counted, flat), localSlots, tf.constant(0)));
      } else {
        positions.add(tf.math.floorMod(localSlots, seqLen));
      }
      tokenOffset = tf.math.add(tokenOffset, tf.size(localSlots));
      slotOffset = tf.math.add(slotOffset, slotCount);
      batches.add(new Slots(shape, packedRowOfSlot, TransformerEncoder.attentionBias(tf, mask)));
    }
    Operand<TFloat32> words = tf.gather(
        vars.read("embeddings.word_embeddings.weight"), concat(tf, ids), tf.constant(0));
    Operand<TFloat32> positionVectors = tf.gather(
        vars.read("embeddings.position_embeddings.weight"), concat(tf, positions), tf.constant(0));
    Operand<TFloat32> x = TransformerEncoder.normalizedEmbeddings(tf, vars, tf.math.add(words, positionVectors), dropout);
    Operand<TInt32> slotOfToken = concat(tf, slotsOfTokens);

    for (int layer = 0; layer < c.numHiddenLayers(); layer++) {
      Operand<TFloat32> qkv = TransformerEncoder.qkvProjection(tf, vars, layer, x, precision);
      List<Operand<TFloat32>> merged = new ArrayList<>(batches.size());
      for (Slots b : batches) {
        Operand<TFloat32> padded = tf.gather(qkv, b.packedRowOfSlot(), tf.constant(0));
        merged.add(TransformerEncoder.attention(tf, c, padded, b.shape(), b.attentionBias(), dropout));
      }
      Operand<TFloat32> context = tf.gather(concat(tf, merged), slotOfToken, tf.constant(0));
      x = TransformerEncoder.afterAttention(tf, vars, EncoderVariables.layerPrefix(layer), context, x, dropout, precision);
    }

    List<Operand<TFloat32>> states = new ArrayList<>(batches.size());
    for (Slots b : batches) {
      Operand<TInt32> outShape = tf.concat(List.of(b.shape(), tf.constant(new int[] {c.hiddenSize()})), tf.constant(0));
      states.add(tf.reshape(tf.gather(x, b.packedRowOfSlot(), tf.constant(0)), outShape));
    }
    return states;
  }

  private static <T extends org.tensorflow.types.family.TType> Operand<T> concat(Ops tf, List<Operand<T>> parts) {
    return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(0));
  }
}

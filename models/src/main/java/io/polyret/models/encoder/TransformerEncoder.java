package io.polyret.models.encoder;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds the forward graph of a post-LayerNorm Transformer encoder (BERT / XLM-R family) over
 * {@link EncoderVariables}.
 */
public final class TransformerEncoder {
  private TransformerEncoder() {}

  /**
   * Last hidden states {@code [batch, seq, hidden]} for right-padded ids and a 0/1 mask, both
   * {@code [batch, seq]}.
   */
  public static Operand<TFloat32> hiddenStates(
      Ops tf, EncoderVariables vars, Operand<TInt32> inputIds, Operand<TInt32> attentionMask,
      DropoutContext dropout) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Pooled, L2-normalised sentence embeddings {@code [batch, hidden]}. */
  public static Operand<TFloat32> embed(
      Ops tf, EncoderVariables vars, Operand<TInt32> inputIds, Operand<TInt32> attentionMask,
      Pooling pooling, DropoutContext dropout) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}

package io.polyret.models.encoder;

/**
 * How the encoder graph lays out token states between attention blocks. Both layouts compute the
 * same function: every real token's state and every pooled vector agree to float32 rounding.
 */
public enum TokenLayout {
  /**
   * Token states are {@code [batch*seq, hidden]} including padding: every shape follows the padded
   * batch, which XLA needs (it compiles one program per shape).
   */
  PADDED,
  /**
   * Padding is removed before the token-wise layers (projections, feed-forward, LayerNorm, GELU,
   * dropout), which run over {@code [real tokens, hidden]}; tokens are gathered into the padded
   * shape only for attention. Several batches (queries and passages) then share one pass through
   * the token-wise layers. Saves the work spent on padding, at the cost of two gathers per layer.
   */
  PACKED
}

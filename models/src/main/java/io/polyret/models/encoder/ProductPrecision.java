package io.polyret.models.encoder;

/**
 * The number format of the operands of the encoder's dense matrix products (the Q/K/V, attention
 * output and feed-forward projections).
 *
 * <p>With {@link #BFLOAT16} each product's activations and weights are cast to bfloat16 just before
 * it and its result back to float32 just after it; the product accumulates in float32 (oneDNN's
 * bfloat16 kernels do). Everything else stays float32: the weights themselves, biases, LayerNorm,
 * GELU, softmax and the attention products, the residual stream, pooling and the loss. Gradients
 * flow back through the casts, so the products of the backward pass run in bfloat16 too.
 */
public enum ProductPrecision {
  /** Products in float32. */
  FLOAT32,
  /** Product operands in bfloat16, float32 accumulation and everything else in float32. */
  BFLOAT16
}

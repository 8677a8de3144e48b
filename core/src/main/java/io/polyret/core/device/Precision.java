package io.polyret.core.device;

import java.util.Locale;

/**
 * Arithmetic precision of training. Master weights, the loss and the optimiser state stay float32
 * in every mode; the mixed modes run the encoder's matrix products (and, for fp16, the element-wise
 * math TensorFlow's rewriter allows) in a 16-bit type.
 */
public enum Precision {
  /** Everything in float32. */
  FP32,
  /**
   * float16 compute through the {@code auto_mixed_precision} rewrite, with dynamic loss scaling
   * against gradient underflow. The rewrite acts on GPUs only: on the CPU the run computes in
   * float32 (with loss scaling), which is what CPU tests exercise.
   */
  FP16,
  /**
   * bfloat16 operands for the encoder's dense products (float32 accumulation), everything else in
   * float32: see {@link io.polyret.models.encoder.ProductPrecision#BFLOAT16}. Built into the graph
   * rather than left to oneDNN's automatic bfloat16 rewrite, whose bfloat16 activations moved late
   * training losses by up to 3.6% where these casts stay within 0.15% (benchmarks page).
   */
  BF16;

  /** The lowercase name used in configs and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this mode scales the loss (only float16: its range underflows small gradients). */
  public boolean needsLossScaling() {
    return this == FP16;
  }

  /**
   * Parses {@code fp32}, {@code fp16} or {@code bf16} (any case).
   *
   * @throws IllegalArgumentException quoting the value when it is none of these
   */
  public static Precision parse(String value) {
    if (value != null) {
      for (Precision p : values()) {
        if (p.id().equalsIgnoreCase(value.trim())) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException("precision must be one of fp32, fp16, bf16; got '" + value + "'");
  }
}

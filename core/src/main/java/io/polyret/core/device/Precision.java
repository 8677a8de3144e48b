package io.polyret.core.device;

import java.util.Locale;

/**
 * Arithmetic precision of training. Master weights, the loss and the optimiser state stay float32
 * in every mode; the mixed modes let TensorFlow's graph rewriter run eligible ops (matrix products,
 * element-wise math) in a 16-bit type.
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
  /** bfloat16 compute through oneDNN's {@code auto_mixed_precision_onednn_bfloat16} rewrite (CPU). */
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

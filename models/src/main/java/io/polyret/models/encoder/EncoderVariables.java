package io.polyret.models.encoder;

import io.polyret.models.config.EncoderConfig;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The trainable variables of one encoder in a graph, named exactly as the Hugging Face parameters
 * ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.0.attention.self.query.weight},
 * ..., {@code pooler.dense.weight}) and stored in the PyTorch layout (linear weights {@code [out,
 * in]}), so that importing a checkpoint is a mapping of names. Created once per graph and shared by
 * every encoder application (queries and passages).
 */
public final class EncoderVariables {

  /** CONTRACT STUB: implemented in the encoder work. */
  public static EncoderVariables create(Ops tf, EncoderConfig config, boolean withPooler, long seed) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The config the variables were made for. */
  public EncoderConfig config() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Every variable by Hugging Face name, in a fixed order. */
  public Map<String, Variable<TFloat32>> all() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The value of a variable, read through an identity op (see tensorflow-java-notes.md). */
  public Operand<TFloat32> read(String name) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** One op that assigns every variable its seeded initial value. */
  public Op initializer() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** True for biases and LayerNorm parameters, which AdamW does not decay. */
  public static boolean isNoDecay(String name) {
    return name.endsWith(".bias") || name.contains("LayerNorm");
  }
}

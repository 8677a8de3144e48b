package io.polyret.core.train;

import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.hf.HuggingFaceModel;
import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.Session;

/**
 * Sets the encoder's starting weights of a fresh run, after the seeded random initialisation has
 * run (e.g. assigning a pre-trained checkpoint's tensors). Not called when a run resumes.
 */
@FunctionalInterface
public interface WeightsInitializer {

  /** Keeps the seeded random initialisation. */
  WeightsInitializer RANDOM = (session, variables) -> {};

  void initialize(Session session, EncoderVariables variables) throws IOException;

  /**
   * Loads a Hugging Face model folder ({@code config.json} + {@code model.safetensors}, or a
   * sentence-transformers layout). The training config's {@code encoder} must describe the same
   * shapes (read it with {@code EncoderConfig.read(dir.resolve("config.json"))}); a mismatch fails
   * naming the tensor and both shapes. A sentence-transformers Dense module is loaded into the
   * variables' dense layer ({@code dense.weight}, {@code dense.bias}), which is then trained with the
   * encoder: the training config's {@code denseHead} must be the folder's Dense module (and absent
   * when the folder has none), else this fails naming both.
   */
  static WeightsInitializer fromHuggingFace(Path dir) {
    return (session, variables) -> {
      try (HuggingFaceModel model = HuggingFaceModel.open(dir)) {
        if (!model.denseHead().equals(variables.denseHead())) {
          throw new IllegalArgumentException(dir + ": the model's Dense module is "
              + model.denseHead().map(Object::toString).orElse("absent") + " but the training config's denseHead is "
              + variables.denseHead().map(Object::toString).orElse("absent")
              + " (set denseHead to the folder's Dense module, or train from baseModel, which reads it)");
        }
        model.loadInto(session, variables);
      }
    };
  }
}

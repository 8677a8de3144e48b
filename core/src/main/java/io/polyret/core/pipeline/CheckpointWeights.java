package io.polyret.core.pipeline;

import io.polyret.core.train.SessionConfigs;
import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.DenseHead;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.hf.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The encoder variables of a TensorFlow checkpoint (a training checkpoint or a SavedModel's
 * {@code variables/variables}), read by name one tensor at a time, so that no more than one
 * tensor's values sit on the Java heap. With a dense head, its {@code dense.weight} and
 * {@code dense.bias} are read too (the checkpoint must hold them).
 */
final class CheckpointWeights implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final EncoderVariables variables;
  private String cachedName;
  private float[] cachedValues;

  CheckpointWeights(String prefix, EncoderConfig config, boolean withPooler, DenseHead denseHead) {
    graph = new Graph();
    try {
      variables = EncoderVariables.create(Ops.create(graph), config, withPooler, denseHead, 0);
      session = new Session(graph, SessionConfigs.configProto(2));
      session.restore(prefix);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  EncoderVariables variables() {
    return variables;
  }

  /** Row-major values of one variable. */
  float[] values(String name) {
    if (name.equals(cachedName)) {
      return cachedValues;
    }
    try (Result r = session.runner().fetch(variables.read(name)).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] values = new float[(int) t.shape().size()];
      t.copyTo(DataBuffers.of(values, false, false));
      cachedName = name;
      cachedValues = values;
      return values;
    }
  }

  /**
   * Writes every encoder variable as a Hugging Face {@code model.safetensors} (the variables carry
   * the Hugging Face names), so the model folder is also a Hugging Face checkpoint. The dense
   * head's variables are left out: {@link #writeDenseSafetensors} writes them as a
   * sentence-transformers Dense module.
   */
  void writeSafetensors(Path file) throws IOException {
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    for (String name : variables.all().keySet()) {
      if (!isDense(name)) {
        entries.add(entry(name, name));
      }
    }
    SafetensorsWriter.write(file, entries, Map.of("format", "pt"));
  }

  /**
   * Writes the dense head as a sentence-transformers Dense module's {@code model.safetensors}
   * ({@code linear.weight [out, in]}, {@code linear.bias [out]}).
   *
   * @throws IllegalStateException when the variables have no dense head
   */
  void writeDenseSafetensors(Path file) throws IOException {
    if (variables.denseHead().isEmpty()) {
      throw new IllegalStateException("these weights have no dense head");
    }
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    entries.add(entry(DenseHead.WEIGHT, "linear.weight"));
    if (variables.all().containsKey(DenseHead.BIAS)) {
      entries.add(entry(DenseHead.BIAS, "linear.bias"));
    }
    SafetensorsWriter.write(file, entries, Map.of("format", "pt"));
  }

  private SafetensorsWriter.Entry entry(String variable, String tensorName) {
    return new SafetensorsWriter.Entry(tensorName, variables.shape(variable).asArray(),
        (offset, chunk, count) -> System.arraycopy(values(variable), (int) offset, chunk, 0, count));
  }

  private static boolean isDense(String name) {
    return name.equals(DenseHead.WEIGHT) || name.equals(DenseHead.BIAS);
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}

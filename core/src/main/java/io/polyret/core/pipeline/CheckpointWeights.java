package io.polyret.core.pipeline;

import io.polyret.core.train.SessionConfigs;
import io.polyret.models.config.EncoderConfig;
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
 * tensor's values sit on the Java heap.
 */
final class CheckpointWeights implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final EncoderVariables variables;
  private String cachedName;
  private float[] cachedValues;

  CheckpointWeights(String prefix, EncoderConfig config, boolean withPooler) {
    graph = new Graph();
    try {
      variables = EncoderVariables.create(Ops.create(graph), config, withPooler, 0);
      session = new Session(graph, SessionConfigs.configProto(2, false));
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
   * Writes every variable as a Hugging Face {@code model.safetensors} (the variables carry the
   * Hugging Face names), so the model folder is also a Hugging Face checkpoint.
   */
  void writeSafetensors(Path file) throws IOException {
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    for (String name : variables.all().keySet()) {
      entries.add(new SafetensorsWriter.Entry(name, variables.shape(name).asArray(),
          (offset, chunk, count) -> System.arraycopy(values(name), (int) offset, chunk, 0, count)));
    }
    SafetensorsWriter.write(file, entries, Map.of("format", "pt"));
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

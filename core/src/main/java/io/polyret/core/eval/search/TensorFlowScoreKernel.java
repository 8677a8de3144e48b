package io.polyret.core.eval.search;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Score kernel running one TF {@code MatMul} per call on the device TensorFlow uses. The candidate
 * matrix is loaded once into a variable (fed through a placeholder, so no 2 GB graph limit
 * applies), not copied on every call.
 */
public final class TensorFlowScoreKernel implements ScoreKernel {
  private final int count;
  private final int dimension;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> queryInput;
  private final Operand<TFloat32> scores;

  /** See {@link ScoreKernels#create}. */
  public TensorFlowScoreKernel(float[] candidates, int count, int dimension, int threads) {
    this(candidates, count, dimension, threads, true);
  }

  /** See {@link ScoreKernels#create(ScoreKernels.Kind, float[], int, int, int, boolean)}. */
  public TensorFlowScoreKernel(float[] candidates, int count, int dimension, int threads, boolean allowGpu) {
    ScoreKernels.checkShape(candidates, count, dimension);
    this.count = count;
    this.dimension = dimension;
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      queryInput = tf.withName("queries").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, dimension)));
      Placeholder<TFloat32> candidateInput = tf.withName("candidates_in").placeholder(
          TFloat32.class, Placeholder.shape(Shape.of(count, dimension)));
      Variable<TFloat32> cand = tf.withName("candidates").variable(Shape.of(count, dimension),
          TFloat32.class);
      Assign<TFloat32> load = tf.withName("candidates_load").assign(cand, candidateInput);
      // Read through identity (see tensorflow-java-notes.md).
      scores = tf.withName("scores").linalg.matMul(queryInput, tf.identity(cand),
          MatMul.transposeB(true));
      ConfigProto.Builder configBuilder = ConfigProto.newBuilder()
          .setIntraOpParallelismThreads(Math.max(1, threads))
          .setInterOpParallelismThreads(1);
      if (!allowGpu) {
        configBuilder.putDeviceCount("GPU", 0);
      }
      ConfigProto config = configBuilder.build();
      this.session = new Session(graph, config);
      try (TFloat32 values = TFloat32.tensorOf(Shape.of(count, dimension),
          DataBuffers.of(candidates, true, false))) {
        session.runner().feed(candidateInput, values).addTarget(load).run().close();
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int candidateCount() {
    return count;
  }

  @Override
  public void score(float[] queries, int firstRow, int rows, float[] out) {
    ScoreKernels.checkBuffers(queries, firstRow, rows, dimension, count, out);
    try (TFloat32 input = TFloat32.tensorOf(Shape.of(rows, dimension),
            DataBuffers.of(queries, true, false).slice((long) firstRow * dimension, (long) rows * dimension));
        Result result = session.runner().feed(queryInput, input).fetch(scores).run()) {
      TFloat32 s = (TFloat32) result.get(0);
      s.copyTo(DataBuffers.of(out, false, false).narrow((long) rows * count));
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}

package io.polyret.core.train;

import io.polyret.core.device.ExecutionOptions;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/** TensorFlow session settings used by training and benchmarks. */
public final class SessionConfigs {
  private SessionConfigs() {}

  /**
   * {@code intraOpThreads} threads inside ops (a fixed count keeps CPU kernels' work split, and so
   * their results, the same from run to run) and {@link ExecutionOptions#CPU_INTER_OP_THREADS}
   * inter-op threads; with {@code bf16}, oneDNN's automatic bfloat16 mixed precision rewrite.
   */
  public static ConfigProto configProto(int intraOpThreads, boolean bf16) {
    ConfigProto.Builder b = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(ExecutionOptions.CPU_INTER_OP_THREADS);
    if (bf16) {
      b.setGraphOptions(
          GraphOptions.newBuilder()
              .setRewriteOptions(
                  RewriterConfig.newBuilder().setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON)));
    }
    return b.build();
  }
}

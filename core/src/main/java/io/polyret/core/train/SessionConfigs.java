package io.polyret.core.train;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/** TensorFlow session settings used by training and benchmarks. */
public final class SessionConfigs {
  private SessionConfigs() {}

  /**
   * {@code intraOpThreads} threads inside ops and one inter-op thread (a fixed thread count keeps
   * CPU kernels' work split, and so their results, the same from run to run); with {@code bf16},
   * oneDNN's automatic bfloat16 mixed precision rewrite.
   */
  public static ConfigProto configProto(int intraOpThreads, boolean bf16) {
    ConfigProto.Builder b =
        ConfigProto.newBuilder().setIntraOpParallelismThreads(intraOpThreads).setInterOpParallelismThreads(1);
    if (bf16) {
      b.setGraphOptions(
          GraphOptions.newBuilder()
              .setRewriteOptions(
                  RewriterConfig.newBuilder().setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON)));
    }
    return b.build();
  }
}

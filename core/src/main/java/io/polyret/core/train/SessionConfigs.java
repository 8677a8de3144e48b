package io.polyret.core.train;

import io.polyret.core.device.ExecutionOptions;
import org.tensorflow.proto.ConfigProto;

/** TensorFlow session settings used by training and benchmarks. */
public final class SessionConfigs {
  private SessionConfigs() {}

  /**
   * {@code intraOpThreads} threads inside ops (a fixed count keeps CPU kernels' work split, and so
   * their results, the same from run to run) and {@link ExecutionOptions#CPU_INTER_OP_THREADS}
   * inter-op threads.
   */
  public static ConfigProto configProto(int intraOpThreads) {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(ExecutionOptions.CPU_INTER_OP_THREADS)
        .build();
  }
}

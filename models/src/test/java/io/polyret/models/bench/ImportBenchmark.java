package io.polyret.models.bench;

import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.hf.HuggingFaceModel;
import io.polyret.models.hf.ImportReport;
import io.polyret.models.hf.SafetensorsWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Measures importing a base-size XLM-R checkpoint (vocab 250002, hidden 768, 12 layers, 1.1 GB of
 * float32) on this machine: wall time and peak Java heap (a command, not a test).
 *
 * <pre>
 * java -Xmx64m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -cp ... io.polyret.models.bench.ImportBenchmark DIR
 * </pre>
 *
 * JavaCPP (under TF Java) refuses to allocate once the process RSS passes {@code maxPhysicalBytes},
 * which defaults to a multiple of {@code -Xmx}; with a small heap and a large model set it to 0.
 *
 * Writes {@code DIR/config.json} and {@code DIR/model.safetensors} with pseudo-random values when
 * absent (streamed, so the writer needs little heap either), then imports it into a fresh graph.
 */
public final class ImportBenchmark {
  private ImportBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ImportBenchmark DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    EncoderConfig config = EncoderConfig.builder().modelType("xlm-roberta").vocabSize(250002).hiddenSize(768)
        .numHiddenLayers(12).numAttentionHeads(12).intermediateSize(3072).maxPositionEmbeddings(514)
        .typeVocabSize(1).padTokenId(1).layerNormEps(1e-5).build();
    Path weights = dir.resolve("model.safetensors");
    if (!Files.exists(weights)) {
      Files.createDirectories(dir);
      long t0 = System.nanoTime();
      List<SafetensorsWriter.Entry> entries = new ArrayList<>();
      int index = 0; // word embeddings come first: salt index 1
      for (Map.Entry<String, Shape> e : EncoderVariables.declare(config, true).entrySet()) {
        long salt = ++index * 0x9E3779B97F4A7C15L;
        // a prefix of the real names, as XLMRobertaForMaskedLM saves them
        entries.add(new SafetensorsWriter.Entry("roberta." + e.getKey(), e.getValue().asArray(),
            (offset, chunk, count) -> {
              for (int i = 0; i < count; i++) {
                chunk[i] = value(salt, offset + i);
              }
            }));
      }
      SafetensorsWriter.write(weights, entries, Map.of("format", "pt"));
      Files.writeString(dir.resolve("config.json"), config.toJson().toPrettyString());
      System.out.printf("wrote %s (%.0f MB) in %.1f s%n", weights, Files.size(weights) / 1e6,
          (System.nanoTime() - t0) / 1e9);
    }
    long fileBytes = Files.size(weights);
    System.gc();
    List<MemoryPoolMXBean> heapPools = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
        heapPools.add(p);
      }
    }
    long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long t0 = System.nanoTime();
    try (HuggingFaceModel model = HuggingFaceModel.open(dir); Graph g = new Graph()) {
      EncoderVariables vars = EncoderVariables.create(Ops.create(g), model.config(), model.hasPooler(), 1);
      ConfigProto cp = ConfigProto.newBuilder().setIntraOpParallelismThreads(2).setInterOpParallelismThreads(1).build();
      try (Session s = new Session(g, cp)) {
        ImportReport report = model.loadInto(s, vars);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean p : heapPools) {
          peakHeap += p.getPeakUsage().getUsed(); // sum of per-pool peaks: an upper bound
        }
        try (TFloat32 w = (TFloat32) s.runner().fetch(vars.read("embeddings.word_embeddings.weight")).run().get(0)) {
          float expected = value(0x9E3779B97F4A7C15L, 250001L * 768 + 767);
          float actual = w.getFloat(250001, 767);
          if (actual != expected) {
            throw new IllegalStateException("last embedding value " + actual + " != written " + expected);
          }
        }
        System.out.printf("imported %d tensors (%.0f MB file) in %.1f s; peak heap <= %.0f MB (%.0f MB before), "
                + "%.2fx the model size; process peak RSS %s%n",
            report.loaded().size(), fileBytes / 1e6, seconds, peakHeap / 1e6, heapBefore / 1e6,
            (double) peakHeap / fileBytes, peakRss());
      }
    }
  }

  /** The pseudo-random value written at a flat position of the tensor with this salt. */
  private static float value(long salt, long position) {
    long x = position * 0xBF58476D1CE4E5B9L + salt;
    x ^= x >>> 31;
    return ((x & 0xffff) - 32768) * (0.02f / 32768);
  }

  private static String peakRss() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return line.substring(6).trim();
      }
    }
    return "n/a";
  }
}

package io.polyret.core.bench;

import io.polyret.core.data.mmarco.MmarcoDataset;
import io.polyret.core.data.mmarco.MmarcoLayoutGenerator;
import io.polyret.core.data.mmarco.TsvTextIndex;
import io.polyret.core.sampling.Batch;
import io.polyret.core.sampling.HybridBatchSampler;
import io.polyret.core.sampling.SamplingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures the batch sampler over a generated corpus in the mMARCO layout: index build time per
 * million passages, heap held by the dataset and sampler, and batches per second for x-x, x-y and
 * hybrid sampling (texts read from disk for every triplet).
 *
 * <pre>
 * java -Xmx4g -cp ... io.polyret.core.bench.SamplerBenchmark [--examples 1000000[,10000000]]
 *     [--batch-size 100] [--batches 2000] [--dir /tmp/polyret-bench] [--keep]
 * </pre>
 *
 * Shape per size N (triples): 7 languages (the paper's), N / 4.5 passages and N / 40 queries per
 * language (mMARCO's ratios: 8.8M passages, 39.8M triples, ~0.8M queries).
 */
public final class SamplerBenchmark {

  private static final List<String> LANGUAGES =
      List.of("arabic", "chinese", "english", "german", "hindi", "russian", "spanish");

  private SamplerBenchmark() {}

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] args) throws IOException {
    List<Long> sizes = new ArrayList<>(List.of(1_000_000L));
    int batchSize = 100;
    int batches = 2000;
    Path dir = null;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--examples" -> {
          sizes.clear();
          for (String s : args[++i].split(",")) {
            sizes.add(Long.parseLong(s.trim().replace("_", "")));
          }
        }
        case "--batch-size" -> batchSize = Integer.parseInt(args[++i]);
        case "--batches" -> batches = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--keep" -> keep = true;
        default -> throw new IllegalArgumentException(
            "unknown option '" + args[i] + "'; options: --examples N[,N] --batch-size B --batches M --dir D --keep");
      }
    }
    Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("polyret-sampler-bench");
    System.out.printf(Locale.ROOT, "SamplerBenchmark: %d cores, max heap %d MB, batch size %d, %d batches per sampler%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, batchSize, batches);
    try {
      for (long size : sizes) {
        run(base.resolve("mmarco-" + size), size, batchSize, batches);
      }
    } finally {
      if (!keep) {
        deleteTree(base);
      }
    }
  }

  private static void run(Path root, long triples, int batchSize, int batches) throws IOException {
    int passages = (int) Math.max(1000, triples * 2 / 9);
    int queries = (int) Math.max(100, triples / 40);
    System.out.printf(Locale.ROOT, "%n## %,d triples, %d languages, %,d passages and %,d queries per language%n",
        triples, LANGUAGES.size(), passages, queries);
    if (!Files.isRegularFile(root.resolve(MmarcoDataset.TRIPLES))) {
      long t0 = System.nanoTime();
      MmarcoLayoutGenerator.write(root, LANGUAGES, passages, queries, triples, 1);
      System.out.printf(Locale.ROOT, "generate corpus:              %8.1f s (%,d MB on disk)%n",
          seconds(t0), diskSize(root) >> 20);
    }
    deleteIndexes(root);

    long t0 = System.nanoTime();
    for (String lang : LANGUAGES) {
      TsvTextIndex.open(root.resolve("collections/" + lang + "_collection.tsv"), "pid", null).close();
    }
    double collectionSeconds = seconds(t0);
    double millions = passages * (double) LANGUAGES.size() / 1e6;
    System.out.printf(Locale.ROOT, "index collections (build):    %8.2f s = %.2f s per million passages%n",
        collectionSeconds, collectionSeconds / millions);

    t0 = System.nanoTime();
    MmarcoDataset.open(root).close();
    double rest = seconds(t0);
    System.out.printf(Locale.ROOT, "index queries + triples:      %8.2f s = %.2f s per million triples%n",
        rest, rest / (triples / 1e6));

    long heapBefore = usedHeap();
    t0 = System.nanoTime();
    try (MmarcoDataset data = MmarcoDataset.open(root)) {
      System.out.printf(Locale.ROOT, "open from cache:              %8.2f s%n", seconds(t0));
      long heapDataset = usedHeap() - heapBefore;
      System.out.printf(Locale.ROOT, "heap held by the dataset:     %8d MB%n", heapDataset >> 20);
      System.out.println();
      System.out.println("| sampling | build (s) | batches/s | triplets/s | heap dataset + sampler (MB) |");
      System.out.println("|---|---|---|---|---|");
      for (String sampling : List.of("x-x", "x-y", "hybrid")) {
        long t1 = System.nanoTime();
        HybridBatchSampler sampler =
            new HybridBatchSampler(
                List.of(data), SamplingConfig.builder().sampling(sampling).batchSize(batchSize).seed(7).build());
        double build = seconds(t1);
        long heapSampler = usedHeap() - heapBefore;
        long checksum = 0;
        for (int i = 0; i < Math.min(200, batches); i++) {
          checksum += sampler.next().size();
        }
        long t2 = System.nanoTime();
        long triplets = 0;
        for (int i = 0; i < batches; i++) {
          Batch batch = sampler.next();
          triplets += batch.size();
          checksum += batch.triplets().get(0).query().length();
        }
        double s = seconds(t2);
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.0f | %.0f | %d |%n",
            sampling, build, batches / s, triplets / s, heapSampler >> 20);
        if (checksum == 42) {
          System.out.println(); // keeps the work observable
        }
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long diskSize(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void deleteIndexes(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().endsWith(".polyret-index")) {
          Files.delete(f);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }
}

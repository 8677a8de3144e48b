package io.polyret.models.tokenizer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tokenization throughput: SentencePiece through JNI (one and two threads) against Debian's {@code
 * spm_encode} process on the same generated multilingual lines, and a check that both give the
 * same ids on every line.
 *
 * <p>Usage (from the project root):
 *
 * <pre>
 * mvn -q -o -pl models test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.polyret.models.tokenizer.TokenizerBenchmark \
 *   -Dexec.args="--lines 100000 --runs 3 [--model path/to.model]"
 * </pre>
 *
 * Without {@code --model}, a unigram model (8,000 pieces) is trained with {@code spm_train} on
 * 20,000 other generated lines. Prints sentences/s for each runner (median of the runs).
 */
public final class TokenizerBenchmark {

  private TokenizerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int lineCount = 100_000;
    int runs = 3;
    Path model = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--lines" -> lineCount = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--model" -> model = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument '" + args[i]
            + "'; expected --lines N, --runs N, --model PATH");
      }
    }
    Path spmEncode = SpmCommandLine.find("spm_encode").orElseThrow(
        () -> new IllegalStateException("spm_encode not on PATH (Debian package sentencepiece)"));
    Path work = Files.createTempDirectory("polyret-tokbench");
    try {
      run(work, model, lineCount, runs, spmEncode);
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(Path work, Path model, int lineCount, int runs, Path spmEncode)
      throws Exception {
    if (model == null) {
      Path spmTrain = SpmCommandLine.find("spm_train").orElseThrow(
          () -> new IllegalStateException("spm_train not on PATH; or pass --model"));
      Path corpus = work.resolve("corpus.txt");
      Files.write(corpus, MultilingualText.lines(99, 20_000), StandardCharsets.UTF_8);
      model = SpmCommandLine.train(spmTrain, corpus, work.resolve("bench"), "unigram", 8000);
    }
    List<String> lines = MultilingualText.lines(2026, lineCount);
    Path input = work.resolve("lines.txt");
    Files.write(input, lines, StandardCharsets.UTF_8);
    long chars = lines.stream().mapToLong(String::length).sum();
    System.out.printf(Locale.ROOT, "model %s%nlines %d (%.1f chars/line), runs %d, cores %d%n",
        model, lineCount, chars / (double) lineCount, runs,
        Runtime.getRuntime().availableProcessors());

    double[] processRates = new double[runs];
    List<int[]> reference = null;
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      reference = SpmCommandLine.encodeIds(spmEncode, model, input, work.resolve("ids.txt"));
      processRates[r] = lineCount / seconds(start);
    }

    try (SentencePieceTokenizer tokenizer =
        SentencePieceTokenizer.open(model, SentencePieceTokenizer.IdMapping.PLAIN)) {
      int mismatches = 0;
      for (int i = 0; i < lineCount; i++) { // also the warm-up
        if (!Arrays.equals(reference.get(i), tokenizer.pieceIds(lines.get(i)))) {
          mismatches++;
        }
      }
      double[] oneThread = new double[runs];
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        long sink = 0;
        for (String line : lines) {
          sink += tokenizer.encode(line, 512).length;
        }
        oneThread[r] = lineCount / seconds(start);
        if (sink == 0) {
          throw new IllegalStateException("no ids");
        }
      }
      double[] twoThreads = new double[runs];
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int r = 0; r < runs; r++) {
          long start = System.nanoTime();
          List<Future<Long>> parts = new ArrayList<>();
          for (int t = 0; t < 2; t++) {
            List<String> half = lines.subList(t * lineCount / 2, (t + 1) * lineCount / 2);
            parts.add(pool.submit(() -> {
              long ids = 0;
              for (String line : half) {
                ids += tokenizer.encode(line, 512).length;
              }
              return ids;
            }));
          }
          for (Future<Long> part : parts) {
            part.get();
          }
          twoThreads[r] = lineCount / seconds(start);
        }
      } finally {
        pool.shutdown();
      }
      System.out.printf(Locale.ROOT, "ids equal to spm_encode: %d of %d lines%n",
          lineCount - mismatches, lineCount);
      report("spm_encode process (file in, ids out)", processRates);
      report("JNI SentencePieceTokenizer, 1 thread", oneThread);
      report("JNI SentencePieceTokenizer, 2 threads", twoThreads);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void report(String name, double[] rates) {
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%-40s median %,10.0f sentences/s  (runs: %s)%n", name,
        sorted[sorted.length / 2], Arrays.toString(Arrays.stream(rates)
            .map(Math::rint).toArray()));
  }
}

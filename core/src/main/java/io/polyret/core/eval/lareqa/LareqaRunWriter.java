package io.polyret.core.eval.lareqa;

import io.polyret.core.eval.trec.TrecFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one TREC run file and its qrels per setting and language pair:
 * {@code monolingual.X.run}, {@code crosslingual.X-Y.run}, {@code multilingual.X.run} (+ {@code
 * .qrels}). Only queries with a relevant candidate in the pool appear, in both files, so trec_eval
 * averages over the same queries as polyret. Files are written under temporary names and renamed
 * only when everything succeeded.
 */
final class LareqaRunWriter {
  private final Path dir;
  private final LareqaBenchmark benchmark;
  private final LareqaIndex index;
  private final Writer[][] pairWriters;
  private final Writer[] multiWriters;
  private final List<Path> temporary = new ArrayList<>();
  private final List<Path> finals = new ArrayList<>();

  LareqaRunWriter(Path dir, LareqaBenchmark benchmark, LareqaIndex index) {
    this.dir = dir;
    this.benchmark = benchmark;
    this.index = index;
    int n = index.languageCount;
    this.pairWriters = new Writer[n][n];
    this.multiWriters = new Writer[n];
  }

  static String baseName(List<String> codes, int x, int y) {
    if (y < 0) {
      return "multilingual." + codes.get(x);
    }
    return x == y ? "monolingual." + codes.get(x) : "crosslingual." + codes.get(x) + "-" + codes.get(y);
  }

  private Writer open(String name) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    Path tmp = dir.resolve(name + ".tmp");
    temporary.add(tmp);
    finals.add(target);
    return new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16);
  }

  void write(float[] scores, int firstQuery, int rows, int[][][] tops) throws IOException {
    List<String> codes = benchmark.languageCodes();
    int n = index.languageCount;
    for (int r = 0; r < rows; r++) {
      int q = firstQuery + r;
      int x = index.queryLanguage[q];
      int offset = r * index.candidateCount;
      for (int y = 0; y <= n; y++) {
        int[] top = tops[r][y];
        if (top == null) {
          continue;
        }
        Writer w;
        if (y == n) {
          if (multiWriters[x] == null) {
            multiWriters[x] = open(baseName(codes, x, -1) + ".run");
          }
          w = multiWriters[x];
        } else {
          if (pairWriters[x][y] == null) {
            pairWriters[x][y] = open(baseName(codes, x, y) + ".run");
          }
          w = pairWriters[x][y];
        }
        for (int i = 0; i < top.length; i++) {
          TrecFiles.writeRunLine(w, index.queryIds[q], index.docids[top[i]], i + 1,
              scores[offset + top[i]], "polyret");
        }
      }
    }
  }

  void commit() throws IOException {
    closeAll();
    List<String> codes = benchmark.languageCodes();
    int n = index.languageCount;
    for (int x = 0; x < n; x++) {
      for (int y = 0; y <= n; y++) {
        String name = baseName(codes, x, y == n ? -1 : y) + ".qrels";
        try (Writer w = open(name)) {
          for (int q = index.queryStart[x]; q < index.queryStart[x + 1]; q++) {
            for (int gold : index.golds[q]) {
              if (y == n || index.candidateLanguage[gold] == y) {
                TrecFiles.writeQrelsLine(w, index.queryIds[q], index.docids[gold], 1);
              }
            }
          }
        }
      }
    }
    for (int i = 0; i < temporary.size(); i++) {
      Files.move(temporary.get(i), finals.get(i),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }

  void abort() {
    try {
      closeAll();
    } catch (IOException ignored) {
      // Best effort: the temporary files are deleted below anyway.
    }
    for (Path p : temporary) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // Nothing more to do: a leftover .tmp file is never mistaken for a result.
      }
    }
  }

  private void closeAll() throws IOException {
    IOException first = null;
    for (Writer[] row : pairWriters) {
      for (int i = 0; i < row.length; i++) {
        first = closeQuietly(row[i], first);
        row[i] = null;
      }
    }
    for (int i = 0; i < multiWriters.length; i++) {
      first = closeQuietly(multiWriters[i], first);
      multiWriters[i] = null;
    }
    if (first != null) {
      throw first;
    }
  }

  private static IOException closeQuietly(Writer w, IOException first) {
    if (w == null) {
      return first;
    }
    try {
      w.close();
    } catch (IOException e) {
      return first == null ? e : first;
    }
    return first;
  }
}

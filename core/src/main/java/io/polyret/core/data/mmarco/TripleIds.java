package io.polyret.core.data.mmarco;

import io.polyret.core.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The id triples of an mMARCO {@code triples.train.ids.small.tsv} ({@code qid\tpos_pid\tneg_pid}),
 * as three {@code int[]} (12 bytes per triple), cached like {@link TsvTextIndex}.
 *
 * @param qids query id per triple
 * @param positives positive passage id per triple
 * @param negatives negative passage id per triple
 * @param fromCache whether they were read from a valid cache
 */
record TripleIds(int[] qids, int[] positives, int[] negatives, boolean fromCache) {

  private static final String KIND = "mmarco-triples";
  private static final String[] FIELDS = {"qid", "pos_pid", "neg_pid"};

  int size() {
    return qids.length;
  }

  static TripleIds open(Path file, Path cacheDir) {
    try {
      IndexCache.SourceStamp stamp = IndexCache.SourceStamp.of(file);
      Path cache = IndexCache.cacheFileFor(file, cacheDir);
      IndexCache.Arrays cached = IndexCache.read(cache, KIND, stamp);
      if (cached != null && cached.ints().length == 3) {
        return new TripleIds(cached.ints()[0], cached.ints()[1], cached.ints()[2], true);
      }
      TripleIds built = build(file);
      IndexCache.write(cache, KIND, stamp,
          new IndexCache.Arrays(new int[][] {built.qids, built.positives, built.negatives}, new long[0][]));
      return built;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static TripleIds build(Path file) throws IOException {
    int[][] columns = {new int[1 << 16], new int[1 << 16], new int[1 << 16]};
    int[] count = {0};
    LineScanner.scan(
        file,
        (lineNumber, offset, buf, start, end) -> {
          int n = count[0];
          if (n == columns[0].length) {
            for (int c = 0; c < 3; c++) {
              columns[c] = Arrays.copyOf(columns[c], n * 2);
            }
          }
          int from = start;
          for (int c = 0; c < 3; c++) {
            int to = from;
            while (to < end && buf[to] != '\t') {
              to++;
            }
            if (c < 2 && to >= end) {
              throw new DataFormatException(
                  file, lineNumber, 0,
                  "expected 'qid<TAB>pos_pid<TAB>neg_pid', field '" + FIELDS[c + 1] + "' missing");
            }
            if (c == 2 && to != end) {
              throw new DataFormatException(
                  file, lineNumber, to - start + 1, "more than three fields (expected 'qid<TAB>pos_pid<TAB>neg_pid')");
            }
            long id = LineScanner.parseId(buf, from, to);
            if (id < 0) {
              throw new DataFormatException(
                  file, lineNumber, from - start + 1, "field '" + FIELDS[c] + "' is not a non-negative integer: '"
                      + new String(buf, from, Math.min(to - from, 40), StandardCharsets.UTF_8) + "'");
            }
            columns[c][n] = (int) id;
            from = to + 1;
          }
          count[0] = n + 1;
        });
    int n = count[0];
    if (n == 0) {
      throw new DataFormatException(file, "no triples");
    }
    return new TripleIds(
        Arrays.copyOf(columns[0], n), Arrays.copyOf(columns[1], n), Arrays.copyOf(columns[2], n), false);
  }
}

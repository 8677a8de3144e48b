package io.polyret.core.data.mmarco;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a synthetic corpus in the mMARCO layout (see {@link MmarcoDataset}): for tests, demos and
 * the sampler benchmark. Texts are generated words tagged with language and id, so a reader can
 * check that it got the right line: {@link #passageText} and {@link #queryText} give them back.
 * Triples draw their query among {@code queries} ids (so queries repeat, as in mMARCO) and their
 * passages among {@code passages} ids.
 */
public final class MmarcoLayoutGenerator {

  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "da", "zu", "fe", "go", "hi", "ja", "wu"
  };

  private MmarcoLayoutGenerator() {}

  /**
   * Writes the layout under root.
   *
   * @param root target folder (created)
   * @param languageNames file-name languages, e.g. {@code english}, {@code spanish} or codes
   * @param passages passages per language (pids 0 .. passages-1)
   * @param queries queries per language (qids 0 .. queries-1)
   * @param triples number of triples
   * @param seed seed of the triples and the text lengths
   */
  public static void write(
      Path root, List<String> languageNames, int passages, int queries, long triples, long seed) {
    try {
      Path collections = Files.createDirectories(root.resolve("collections"));
      Path queryDir = Files.createDirectories(root.resolve("queries").resolve("train"));
      for (String lang : languageNames) {
        try (BufferedWriter out =
            Files.newBufferedWriter(collections.resolve(lang + "_collection.tsv"), StandardCharsets.UTF_8)) {
          for (int pid = 0; pid < passages; pid++) {
            out.write(Integer.toString(pid));
            out.write('\t');
            out.write(passageText(lang, pid));
            out.write('\n');
          }
        }
        try (BufferedWriter out =
            Files.newBufferedWriter(queryDir.resolve(lang + "_queries.train.tsv"), StandardCharsets.UTF_8)) {
          for (int qid = 0; qid < queries; qid++) {
            out.write(Integer.toString(qid));
            out.write('\t');
            out.write(queryText(lang, qid));
            out.write('\n');
          }
        }
      }
      SplittableRandom random = new SplittableRandom(seed);
      try (BufferedWriter out =
          Files.newBufferedWriter(root.resolve(MmarcoDataset.TRIPLES), StandardCharsets.UTF_8)) {
        StringBuilder line = new StringBuilder(32);
        for (long t = 0; t < triples; t++) {
          line.setLength(0);
          line.append(random.nextInt(queries)).append('\t')
              .append(random.nextInt(passages)).append('\t')
              .append(random.nextInt(passages)).append('\n');
          out.append(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write mMARCO layout under " + root, e);
    }
  }

  /** The generated passage text of a pid in a file-name language. */
  public static String passageText(String language, int pid) {
    return "passage " + language + " " + pid + ": " + words(pid * 31L + language.hashCode(), 8 + pid % 17);
  }

  /** The generated query text of a qid in a file-name language. */
  public static String queryText(String language, int qid) {
    return "query " + language + " " + qid + ": " + words(qid * 17L + language.hashCode(), 3 + qid % 5);
  }

  private static String words(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(count * 6);
    for (int w = 0; w < count; w++) {
      if (w > 0) {
        sb.append(' ');
      }
      int syllables = 1 + random.nextInt(3);
      for (int s = 0; s < syllables; s++) {
        sb.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      }
    }
    return sb.toString();
  }
}

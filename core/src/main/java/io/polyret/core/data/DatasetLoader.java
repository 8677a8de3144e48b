package io.polyret.core.data;

import io.polyret.core.data.lareqa.CandidateText;
import io.polyret.core.data.lareqa.LareqaReader;
import io.polyret.core.data.mmarco.MmarcoDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens training data by path, recognising its layout: the entry point for the command line, the
 * Maven plugin and the trainer config.
 *
 * <ul>
 *   <li>a {@code .jsonl} file: polyret's JSON-lines format ({@link JsonlDatasetReader});
 *   <li>a folder with {@code collections/} and {@code triples.train.ids.small.tsv} (in it or in
 *       its parent): the mMARCO layout ({@link MmarcoDataset}, indexes cached beside the data);
 *   <li>a folder of {@code {lang}.json} files: a LAReQA benchmark as training data, question ->
 *       gold sentence ({@link LareqaReader}).
 * </ul>
 */
public final class DatasetLoader {

  /** The layouts {@link #open} recognises. */
  public enum Layout {
    /** polyret JSON lines. */
    JSONL,
    /** mMARCO collections, queries and id triples. */
    MMARCO,
    /** LAReQA JSON files per language. */
    LAREQA
  }

  private DatasetLoader() {}

  /** The layout of a path; IllegalArgumentException saying what was expected if none fits. */
  public static Layout detect(Path path) {
    if (Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
      return Layout.JSONL;
    }
    if (Files.isDirectory(path)) {
      if (Files.isDirectory(path.resolve("collections")) && MmarcoDataset.triplesFile(path) != null) {
        return Layout.MMARCO;
      }
      if (!LareqaReader.languagesIn(path).isEmpty()) {
        return Layout.LAREQA;
      }
    }
    throw new IllegalArgumentException(
        "not a dataset: " + path + " (expected a .jsonl file, an mMARCO folder with collections/ and "
            + MmarcoDataset.TRIPLES + ", or a folder of {lang}.json LAReQA files)");
  }

  /**
   * Opens a dataset.
   *
   * @param path file or folder
   * @param languages languages whose files to read, for the layouts with one file per language
   *     (codes; mMARCO names too for mMARCO); null or empty for all. A JSON-lines file is read
   *     whole: select its languages in the {@code SamplingConfig}.
   * @return the dataset; close it when done
   */
  public static ParallelDataset open(Path path, List<String> languages) {
    return switch (detect(path)) {
      case JSONL -> JsonlDatasetReader.read(path);
      case MMARCO -> MmarcoDataset.open(path, languages, null);
      case LAREQA -> LareqaReader.read(path, languages).toParallelDataset(CandidateText.SENTENCE);
    };
  }
}

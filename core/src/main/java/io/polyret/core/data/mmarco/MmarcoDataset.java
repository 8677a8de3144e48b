package io.polyret.core.data.mmarco;

import io.polyret.core.data.DataFormatException;
import io.polyret.core.data.LanguageCodes;
import io.polyret.core.data.LoadSummary;
import io.polyret.core.data.ParallelDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Parallel training data in the mMARCO layout, read from disk on demand:
 *
 * <pre>
 * {root}/collections/{lang}_collection.tsv          pid \t passage      (per language)
 * {root}/queries/train/{lang}_queries.train.tsv     qid \t query        (per language)
 * {root}/triples.train.ids.small.tsv                qid \t pos_pid \t neg_pid (all languages)
 * </pre>
 *
 * The triples file may also sit in the parent of {root}, as in mMARCO's release ({@code
 * data/google/collections/...} and {@code data/triples.train.ids.small.tsv}).
 *
 * {@code {lang}} is mMARCO's language name ({@code spanish}, {@code chinese}, ...) or an ISO code
 * ({@code es}); languages are reported as codes. One example per triple; its id is the query id
 * (ids are identical across languages), and triples that share a query never share a batch.
 *
 * <p>Texts stay on disk: per file an index of ids and byte offsets in primitive arrays (about 8 to
 * 12 bytes per line), cached beside the data as {@code *.polyret-index} (or in a cache folder)
 * and rebuilt when a file's size or modification time changes; triples take 12 bytes each. For
 * the full mMARCO (8.8M passages per language, 39.8M triples, 7 languages) that is about 1 GB of
 * heap, then about 160 MB per epoch permutation in the sampler.
 *
 * <p>Validation: malformed lines fail with file, line and field; a triple whose qid or pid is
 * missing from a language's file fails naming both files; an example whose query or passages are
 * empty in a language does not exist in that language (counted in the summary). Close it to
 * release the file handles.
 */
public final class MmarcoDataset implements ParallelDataset {

  /** File name of the shared triples. */
  public static final String TRIPLES = "triples.train.ids.small.tsv";

  private final String name;
  private final List<String> languages;
  private final TsvTextIndex[] collections;
  private final TsvTextIndex[] queries;
  private final TripleIds triples;
  /** Language mask per triple, null when every triple exists in every language. */
  private final long[] masks;
  private final long fullMask;
  private final LoadSummary summary;

  private MmarcoDataset(
      String name, List<String> languages, TsvTextIndex[] collections, TsvTextIndex[] queries,
      TripleIds triples, long[] masks, LoadSummary summary) {
    this.name = name;
    this.languages = languages;
    this.collections = collections;
    this.queries = queries;
    this.triples = triples;
    this.masks = masks;
    this.fullMask = languages.size() == 64 ? -1L : (1L << languages.size()) - 1;
    this.summary = summary;
  }

  /** Opens every language found under root; caches beside the data. */
  public static MmarcoDataset open(Path root) {
    return open(root, null, null);
  }

  /**
   * Opens an mMARCO layout.
   *
   * @param root the folder holding {@code collections/}, {@code queries/train/} and the triples
   * @param languages languages to load, as codes or mMARCO names; null or empty for all found
   * @param cacheDir where index caches go; null for beside each data file
   * @throws IllegalArgumentException when files are missing or a language is unknown (the message
   *     lists the languages found)
   * @throws DataFormatException when a file is malformed or the files disagree
   */
  public static MmarcoDataset open(Path root, Collection<String> languages, Path cacheDir) {
    return open(root, languages, cacheDir, null);
  }

  /**
   * Same as {@link #open(Path, Collection, Path)}, with the dataset's name (null: the folder's
   * name).
   */
  public static MmarcoDataset open(
      Path root, Collection<String> languages, Path cacheDir, String datasetName) {
    Path collectionsDir = root.resolve("collections");
    Path queriesDir = root.resolve("queries").resolve("train");
    Path triplesFile = triplesFile(root);
    if (!Files.isDirectory(collectionsDir) || !Files.isDirectory(queriesDir) || triplesFile == null) {
      throw new IllegalArgumentException(
          "not an mMARCO layout: " + root + " needs collections/, queries/train/ and " + TRIPLES
              + " (in it or in its parent folder)");
    }
    Map<String, Path> collectionFiles = filesByLanguage(collectionsDir, "_collection.tsv");
    Map<String, Path> queryFiles = filesByLanguage(queriesDir, "_queries.train.tsv");
    List<String> wanted = new ArrayList<>();
    if (languages == null || languages.isEmpty()) {
      wanted.addAll(collectionFiles.keySet());
      for (String lang : queryFiles.keySet()) {
        if (!collectionFiles.containsKey(lang)) {
          throw new IllegalArgumentException(
              "queries for '" + lang + "' (" + queryFiles.get(lang) + ") but no collection in "
                  + collectionsDir + "; collections found: " + collectionFiles.keySet());
        }
      }
    } else {
      for (String requested : languages) {
        String code =
            LanguageCodes.fromMmarcoName(requested)
                .orElseThrow(() -> new IllegalArgumentException(
                    "unknown language '" + requested + "'; languages found: " + collectionFiles.keySet()));
        if (!collectionFiles.containsKey(code)) {
          throw new IllegalArgumentException(
              "no collection for language '" + requested + "' in " + collectionsDir
                  + "; languages found: " + collectionFiles.keySet());
        }
        if (!wanted.contains(code)) {
          wanted.add(code);
        }
      }
    }
    wanted.sort(null);
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("no {lang}_collection.tsv in " + collectionsDir);
    }
    if (wanted.size() > MAX_LANGUAGES) {
      throw new IllegalArgumentException("at most " + MAX_LANGUAGES + " languages: " + wanted);
    }
    for (String lang : wanted) {
      if (!queryFiles.containsKey(lang)) {
        throw new IllegalArgumentException(
            "collection for '" + lang + "' but no queries file in " + queriesDir
                + "; query languages found: " + queryFiles.keySet());
      }
    }
    int n = wanted.size();
    TsvTextIndex[] collections = new TsvTextIndex[n];
    TsvTextIndex[] queries = new TsvTextIndex[n];
    try {
      for (int l = 0; l < n; l++) {
        collections[l] = TsvTextIndex.open(collectionFiles.get(wanted.get(l)), "pid", cacheDir);
        queries[l] = TsvTextIndex.open(queryFiles.get(wanted.get(l)), "qid", cacheDir);
      }
      TripleIds triples = TripleIds.open(triplesFile, cacheDir);
      LoadSummary.Builder summary = new LoadSummary.Builder(root.toString());
      long[] masks = languageMasks(triplesFile, triples, wanted, collections, queries, summary);
      String name =
          datasetName != null ? datasetName : root.toAbsolutePath().normalize().getFileName().toString();
      return new MmarcoDataset(name, List.copyOf(wanted), collections, queries, triples, masks, summary.build());
    } catch (RuntimeException e) {
      closeAll(collections);
      closeAll(queries);
      throw e;
    }
  }

  /**
   * The triples file: in root, or in its parent (mMARCO's release keeps the translations in
   * {@code data/google/} and the triples in {@code data/}); null if neither has it.
   */
  public static Path triplesFile(Path root) {
    Path inRoot = root.resolve(TRIPLES);
    if (Files.isRegularFile(inRoot)) {
      return inRoot;
    }
    Path parent = root.toAbsolutePath().normalize().getParent();
    Path inParent = parent == null ? null : parent.resolve(TRIPLES);
    return inParent != null && Files.isRegularFile(inParent) ? inParent : null;
  }

  /** Per triple the languages where its query and passages exist; null if all do everywhere. */
  private static long[] languageMasks(
      Path triplesFile, TripleIds triples, List<String> langs, TsvTextIndex[] collections,
      TsvTextIndex[] queries, LoadSummary.Builder summary) {
    int size = triples.size();
    long[] masks = null;
    for (int l = 0; l < langs.size(); l++) {
      long kept = 0;
      long empty = 0;
      for (int i = 0; i < size; i++) {
        long q = queries[l].offset(triples.qids()[i]);
        long p = collections[l].offset(triples.positives()[i]);
        long neg = collections[l].offset(triples.negatives()[i]);
        if (q == TsvTextIndex.ABSENT || p == TsvTextIndex.ABSENT || neg == TsvTextIndex.ABSENT) {
          boolean isQuery = q == TsvTextIndex.ABSENT;
          String field = isQuery ? "qid" : p == TsvTextIndex.ABSENT ? "pos_pid" : "neg_pid";
          int value = isQuery ? triples.qids()[i] : p == TsvTextIndex.ABSENT ? triples.positives()[i] : triples.negatives()[i];
          Path other = isQuery ? queries[l].file() : collections[l].file();
          throw new DataFormatException(
              triplesFile, i + 1L, 0, "field '" + field + "' " + value + " is not in " + other);
        }
        if (q == TsvTextIndex.EMPTY || p == TsvTextIndex.EMPTY || neg == TsvTextIndex.EMPTY) {
          if (masks == null) {
            masks = new long[size];
            Arrays.fill(masks, langs.size() == 64 ? -1L : (1L << langs.size()) - 1);
          }
          masks[i] &= ~(1L << l);
          empty++;
        } else {
          kept++;
        }
      }
      summary.kept(langs.get(l), kept);
      if (empty > 0) {
        summary.skipped("triples with an empty query or passage (" + langs.get(l) + ")", empty);
      }
    }
    return masks;
  }

  private static Map<String, Path> filesByLanguage(Path dir, String suffix) {
    Map<String, Path> result = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String file = f.getFileName().toString();
        if (!file.endsWith(suffix)) {
          continue;
        }
        String language = file.substring(0, file.length() - suffix.length());
        String code =
            LanguageCodes.fromMmarcoName(language)
                .orElseThrow(() -> new IllegalArgumentException(
                    "file " + f + ": '" + language + "' is neither an mMARCO language name nor a language code"));
        Path previous = result.put(code, f);
        if (previous != null) {
          throw new IllegalArgumentException(
              "two files for language " + code + ": " + previous + " and " + f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return result;
  }

  private static void closeAll(TsvTextIndex[] indexes) {
    for (TsvTextIndex index : indexes) {
      if (index != null) {
        try {
          index.close();
        } catch (IOException ignored) {
          // closing after a failure: the first error is the one to report
        }
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> languages() {
    return languages;
  }

  @Override
  public int size() {
    return triples.size();
  }

  @Override
  public String exampleId(int example) {
    return Integer.toString(triples.qids()[example]);
  }

  @Override
  public long batchKey(int example) {
    return triples.qids()[example];
  }

  @Override
  public long languageMask(int example) {
    return masks == null ? fullMask : masks[example];
  }

  @Override
  public String query(int example, int language) {
    return queries[language].text(triples.qids()[example]);
  }

  @Override
  public String positive(int example, int language) {
    return collections[language].text(triples.positives()[example]);
  }

  @Override
  public List<String> negatives(int example, int language) {
    return List.of(collections[language].text(triples.negatives()[example]));
  }

  /** Positive passage id of an example. */
  public int positiveId(int example) {
    return triples.positives()[example];
  }

  /** Negative passage id of an example. */
  public int negativeId(int example) {
    return triples.negatives()[example];
  }

  /** Whether every index (collections, queries, triples) was read from a valid cache. */
  public boolean fromCache() {
    if (!triples.fromCache()) {
      return false;
    }
    for (int l = 0; l < languages.size(); l++) {
      if (!collections[l].fromCache() || !queries[l].fromCache()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public LoadSummary summary() {
    return summary;
  }

  @Override
  public void close() {
    closeAll(collections);
    closeAll(queries);
  }

  @Override
  public String toString() {
    return name + " (mMARCO layout, " + size() + " triples, " + languages + ")";
  }
}

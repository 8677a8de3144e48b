package io.polyret.core.eval.trec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of one language of a MIRACL-style folder.
 *
 * <p>Layout: {@code topics/*-{lang}-*.tsv} (or {@code topics/{lang}.tsv}), {@code qrels/*-{lang}-*}
 * (or {@code qrels/{lang}.*}) and the corpus {@code corpus/{lang}/*.jsonl[.gz]} (MIRACL's own
 * {@code corpus/miracl-corpus-v1.0-{lang}/} works too).
 *
 * @param language language code
 * @param topics topics file
 * @param qrels qrels file
 * @param corpus corpus files, in name order
 */
public record TrecCollection(String language, Path topics, Path qrels, List<Path> corpus) {

  /**
   * Finds the collections of {@code languages} (all languages with topics and qrels when empty).
   *
   * @throws IllegalArgumentException listing what was found when a language lacks a file
   */
  public static Map<String, TrecCollection> discover(Path dir, List<String> languages) {
    Path topicsDir = dir.resolve("topics");
    Path qrelsDir = dir.resolve("qrels");
    Path corpusDir = dir.resolve("corpus");
    if (!Files.isDirectory(topicsDir) || !Files.isDirectory(qrelsDir)) {
      throw new IllegalArgumentException(dir + ": expected folders topics/ and qrels/ (found "
          + list(dir) + ")");
    }
    List<String> wanted = new ArrayList<>(languages);
    if (wanted.isEmpty()) {
      TreeSet<String> found = new TreeSet<>();
      for (String f : list(topicsDir)) {
        String lang = languageOf(f);
        if (lang != null && find(qrelsDir, lang) != null) {
          found.add(lang);
        }
      }
      if (found.isEmpty()) {
        throw new IllegalArgumentException(dir + ": no language has both topics and qrels (topics: "
            + list(topicsDir) + ", qrels: " + list(qrelsDir) + ")");
      }
      wanted.addAll(found);
    }
    Map<String, TrecCollection> out = new LinkedHashMap<>();
    for (String lang : wanted) {
      Path topics = find(topicsDir, lang);
      Path qrels = find(qrelsDir, lang);
      Path corpus = Files.isDirectory(corpusDir.resolve(lang)) ? corpusDir.resolve(lang)
          : corpusDir.resolve("miracl-corpus-v1.0-" + lang);
      List<Path> corpusFiles = new ArrayList<>();
      if (Files.isDirectory(corpus)) {
        for (String f : list(corpus)) {
          if (f.endsWith(".jsonl") || f.endsWith(".jsonl.gz") || f.endsWith(".json.gz")) {
            corpusFiles.add(corpus.resolve(f));
          }
        }
      }
      if (topics == null || qrels == null || corpusFiles.isEmpty()) {
        throw new IllegalArgumentException(dir + ": language '" + lang + "' lacks "
            + (topics == null ? "topics " : "") + (qrels == null ? "qrels " : "")
            + (corpusFiles.isEmpty() ? "corpus (" + corpusDir + "/" + lang + "/*.jsonl[.gz]) " : "")
            + "; found topics " + list(topicsDir) + ", qrels " + list(qrelsDir) + ", corpus "
            + (Files.isDirectory(corpusDir) ? list(corpusDir) : "none"));
      }
      out.put(lang, new TrecCollection(lang, topics, qrels, corpusFiles));
    }
    return out;
  }

  private static Path find(Path dir, String lang) {
    for (String f : list(dir)) {
      if (lang.equals(languageOf(f))) {
        return dir.resolve(f);
      }
    }
    return null;
  }

  /** {@code xx} from {@code topics.miracl-v1.0-xx-dev.tsv} or {@code xx.tsv}; null otherwise. */
  static String languageOf(String file) {
    String stem = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
    if (stem.matches("[a-z]{2,3}")) {
      return stem;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("-([a-z]{2,3})-").matcher(file);
    return m.find() ? m.group(1) : null;
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}

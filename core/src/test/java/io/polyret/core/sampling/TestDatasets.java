package io.polyret.core.sampling;

import io.polyret.core.data.ExampleText;
import io.polyret.core.data.InMemoryParallelDataset;
import io.polyret.core.data.LoadSummary;
import io.polyret.core.data.ParallelDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated parallel datasets whose texts name their example and language. */
final class TestDatasets {

  private TestDatasets() {}

  static String query(String id, String lang) {
    return "q|" + id + "|" + lang;
  }

  static String positive(String id, String lang) {
    return "p|" + id + "|" + lang;
  }

  static String negative(String id, String lang) {
    return "n|" + id + "|" + lang;
  }

  /** Every example in every language. */
  static InMemoryParallelDataset parallel(String name, int size, List<String> languages) {
    InMemoryParallelDataset.Builder b = new InMemoryParallelDataset.Builder(name);
    for (int i = 0; i < size; i++) {
      String id = name + "-" + i;
      for (String lang : languages) {
        b.add(id, lang, new ExampleText(query(id, lang), positive(id, lang), List.of(negative(id, lang))));
      }
    }
    return b.build();
  }

  /** Each example in 1 to maxLanguages random languages. */
  static InMemoryParallelDataset partial(
      String name, int size, List<String> languages, int maxLanguages, long seed) {
    Random random = new Random(seed);
    InMemoryParallelDataset.Builder b = new InMemoryParallelDataset.Builder(name);
    for (int i = 0; i < size; i++) {
      String id = name + "-" + i;
      List<String> shuffled = new ArrayList<>(languages);
      java.util.Collections.shuffle(shuffled, random);
      int k = 1 + random.nextInt(maxLanguages);
      for (String lang : shuffled.subList(0, k)) {
        b.add(id, lang, new ExampleText(query(id, lang), positive(id, lang), List.of(negative(id, lang))));
      }
    }
    return b.build();
  }

  /**
   * A dataset whose examples come in runs of {@code perKey} sharing one id (like mMARCO's triples
   * sharing a query).
   */
  static ParallelDataset sharedKeys(String name, int size, int perKey, List<String> languages) {
    InMemoryParallelDataset base = parallel(name, size, languages);
    return new ParallelDataset() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> languages() {
        return base.languages();
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public String exampleId(int example) {
        return name + "-key" + example / perKey;
      }

      @Override
      public long batchKey(int example) {
        return example / perKey;
      }

      @Override
      public long languageMask(int example) {
        return base.languageMask(example);
      }

      @Override
      public String query(int example, int language) {
        return base.query(example, language);
      }

      @Override
      public String positive(int example, int language) {
        return base.positive(example, language);
      }

      @Override
      public List<String> negatives(int example, int language) {
        return base.negatives(example, language);
      }

      @Override
      public LoadSummary summary() {
        return base.summary();
      }
    };
  }
}

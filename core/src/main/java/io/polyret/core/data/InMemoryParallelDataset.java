package io.polyret.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A {@link ParallelDataset} held in memory: for datasets of up to some million examples (LAReQA,
 * translated QA sets, the JSON-lines format). Build it with {@link Builder}.
 */
public final class InMemoryParallelDataset implements ParallelDataset {

  private final String name;
  private final List<String> languages;
  private final String[] ids;
  private final long[] masks;
  /** texts[example][language], null where the example does not exist. */
  private final ExampleText[][] texts;
  private final LoadSummary summary;

  private InMemoryParallelDataset(
      String name, List<String> languages, String[] ids, long[] masks, ExampleText[][] texts,
      LoadSummary summary) {
    this.name = name;
    this.languages = languages;
    this.ids = ids;
    this.masks = masks;
    this.texts = texts;
    this.summary = summary;
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
    return ids.length;
  }

  @Override
  public String exampleId(int example) {
    return ids[example];
  }

  @Override
  public long batchKey(int example) {
    return example; // ids are unique here
  }

  @Override
  public long languageMask(int example) {
    return masks[example];
  }

  @Override
  public String query(int example, int language) {
    return text(example, language).query();
  }

  @Override
  public String positive(int example, int language) {
    return text(example, language).positive();
  }

  @Override
  public List<String> negatives(int example, int language) {
    return text(example, language).negatives();
  }

  /** The texts of an example in a language where it exists. */
  public ExampleText text(int example, int language) {
    ExampleText t = texts[example][language];
    if (t == null) {
      throw new IllegalArgumentException(
          "example " + ids[example] + " does not exist in " + languages.get(language));
    }
    return t;
  }

  @Override
  public LoadSummary summary() {
    return summary;
  }

  @Override
  public String toString() {
    return name + " (" + ids.length + " examples, " + languages + ")";
  }

  /**
   * Collects (id, language, texts) entries in any order; examples keep the order in which their
   * id was first added.
   */
  public static final class Builder {
    private final String name;
    private final Map<String, Map<String, ExampleText>> byId = new LinkedHashMap<>();
    private final TreeSet<String> languages = new TreeSet<>();
    private LoadSummary summary;

    /** @param name the dataset's name */
    public Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("dataset name must not be blank: '" + name + "'");
      }
      this.name = name;
    }

    /**
     * Adds an example's texts in one language.
     *
     * @throws IllegalArgumentException for a malformed language code or an (id, language) pair
     *     added twice
     */
    public Builder add(String id, String language, ExampleText text) {
      if (!LanguageCodes.isCode(language)) {
        throw new IllegalArgumentException("not a language code: '" + language + "'");
      }
      Map<String, ExampleText> perLanguage = byId.computeIfAbsent(id, k -> new HashMap<>());
      if (perLanguage.putIfAbsent(language, text) != null) {
        throw new IllegalArgumentException("duplicate id '" + id + "' in language " + language);
      }
      languages.add(language);
      return this;
    }

    /** Whether an (id, language) pair was added. */
    public boolean contains(String id, String language) {
      Map<String, ExampleText> perLanguage = byId.get(id);
      return perLanguage != null && perLanguage.containsKey(language);
    }

    /** Sets the load summary (default: counts of kept entries per language). */
    public Builder summary(LoadSummary summary) {
      this.summary = summary;
      return this;
    }

    /** The dataset. */
    public InMemoryParallelDataset build() {
      if (languages.size() > MAX_LANGUAGES) {
        throw new IllegalArgumentException(
            "dataset " + name + " has " + languages.size() + " languages; at most " + MAX_LANGUAGES);
      }
      List<String> langs = Collections.unmodifiableList(new ArrayList<>(languages));
      int n = byId.size();
      String[] ids = new String[n];
      long[] masks = new long[n];
      ExampleText[][] texts = new ExampleText[n][];
      LoadSummary.Builder counts = new LoadSummary.Builder(name);
      int i = 0;
      for (Map.Entry<String, Map<String, ExampleText>> e : byId.entrySet()) {
        ids[i] = e.getKey();
        texts[i] = new ExampleText[langs.size()];
        for (Map.Entry<String, ExampleText> t : e.getValue().entrySet()) {
          int l = langs.indexOf(t.getKey());
          texts[i][l] = t.getValue();
          masks[i] |= 1L << l;
          counts.kept(t.getKey());
        }
        i++;
      }
      return new InMemoryParallelDataset(
          name, langs, ids, masks, texts, summary != null ? summary : counts.build());
    }
  }
}

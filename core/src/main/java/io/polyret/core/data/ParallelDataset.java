package io.polyret.core.data;

import java.io.Closeable;
import java.util.List;

/**
 * Parallel training data (method.md, section 3): examples linked by one id, each existing in one
 * or more languages, with per language a query, a positive passage and optional hard negatives.
 *
 * <p>Examples are addressed by a dense index {@code 0 .. size()-1}, languages by their index in
 * {@link #languages()}, so that samplers can keep per-example data in primitive arrays and never
 * hold texts: an implementation may read texts from disk on demand (see {@code MmarcoDataset}).
 *
 * <p>Implementations are immutable and safe to read from several threads. Close a dataset read
 * from disk to release its file handles (a no-op for in-memory ones).
 */
public interface ParallelDataset extends Closeable {

  /** At most this many languages per dataset (language sets are {@code long} bit masks). */
  int MAX_LANGUAGES = 64;

  /** The dataset's name (used in logs, batch labels and sampling weights). */
  String name();

  /** Language codes, sorted; a language's index is its position here. */
  List<String> languages();

  /** Number of examples. */
  int size();

  /**
   * The id shared by the example's translations. Unique per example, except in layouts where
   * several examples share a query (mMARCO: several triples per query id); see {@link
   * #batchKey(int)}.
   */
  String exampleId(int example);

  /**
   * Examples with equal keys never share a batch (a repeated query or id would be a false in-batch
   * negative). Equal example ids have equal keys.
   */
  long batchKey(int example);

  /** Bit {@code i} set when the example exists in language {@code languages().get(i)}. */
  long languageMask(int example);

  /** Query text of an example in a language where it exists. */
  String query(int example, int language);

  /** Positive passage of an example in a language where it exists. */
  String positive(int example, int language);

  /** Hard negatives of an example in a language where it exists; possibly empty. */
  List<String> negatives(int example, int language);

  /** What the loader kept and skipped. */
  LoadSummary summary();

  /** Index of a language code, or -1. */
  default int languageIndex(String code) {
    return languages().indexOf(code);
  }

  /** Releases file handles; the default (in-memory data) does nothing. */
  @Override
  default void close() {}

  /** Whether an example exists in a language (by index). */
  default boolean exists(int example, int language) {
    return (languageMask(example) & (1L << language)) != 0;
  }
}

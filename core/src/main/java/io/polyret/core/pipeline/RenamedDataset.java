package io.polyret.core.pipeline;

import io.polyret.core.data.LoadSummary;
import io.polyret.core.data.ParallelDataset;
import java.util.List;

/** A dataset under the name the job config gives it. */
final class RenamedDataset implements ParallelDataset {
  private final ParallelDataset delegate;
  private final String name;

  RenamedDataset(ParallelDataset delegate, String name) {
    this.delegate = delegate;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> languages() {
    return delegate.languages();
  }

  @Override
  public int size() {
    return delegate.size();
  }

  @Override
  public String exampleId(int example) {
    return delegate.exampleId(example);
  }

  @Override
  public long batchKey(int example) {
    return delegate.batchKey(example);
  }

  @Override
  public long languageMask(int example) {
    return delegate.languageMask(example);
  }

  @Override
  public String query(int example, int language) {
    return delegate.query(example, language);
  }

  @Override
  public String positive(int example, int language) {
    return delegate.positive(example, language);
  }

  @Override
  public List<String> negatives(int example, int language) {
    return delegate.negatives(example, language);
  }

  @Override
  public LoadSummary summary() {
    return delegate.summary();
  }

  @Override
  public void close() {
    delegate.close();
  }
}

package io.polyret.models.tokenizer;

/**
 * A {@link Tokenizer} that may hold native resources; close it when done. {@link
 * TokenizerFactory} returns this type so that callers can use try-with-resources whatever the
 * implementation.
 */
public interface CloseableTokenizer extends Tokenizer, AutoCloseable {

  /** Releases native resources, if any; encoding after close fails. */
  @Override
  void close();
}

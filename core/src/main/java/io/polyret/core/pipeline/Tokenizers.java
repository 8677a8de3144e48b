package io.polyret.core.pipeline;

import io.polyret.models.tokenizer.CloseableTokenizer;
import io.polyret.models.tokenizer.HfTokenizerConfig;
import io.polyret.models.tokenizer.SentencePieceTokenizer;
import io.polyret.models.tokenizer.TokenizerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Opens a job's tokenizer and copies its files into an exported model folder. */
final class Tokenizers {
  /** Files of a Hugging Face tokenizer that an export carries along when present. */
  private static final List<String> FILES =
      List.of(TokenizerFactory.SENTENCEPIECE_MODEL, TokenizerFactory.WORDPIECE_VOCAB,
          HfTokenizerConfig.TOKENIZER_CONFIG, HfTokenizerConfig.SPECIAL_TOKENS_MAP);

  private Tokenizers() {}

  /** A tokenizer folder (Hugging Face layout) or a SentencePiece {@code .model} file (XLM-R ids). */
  static CloseableTokenizer open(Path source) throws IOException {
    if (Files.isRegularFile(source)) {
      return SentencePieceTokenizer.openXlmRoberta(source);
    }
    return TokenizerFactory.fromModelDirectory(source);
  }

  /**
   * Copies the tokenizer into {@code modelDir} so that {@link TokenizerFactory#fromModelDirectory}
   * opens the same tokenizer there; returns the main file's name.
   */
  static String copy(Path source, Path modelDir) throws IOException {
    if (Files.isRegularFile(source)) {
      Files.copy(source, modelDir.resolve(TokenizerFactory.SENTENCEPIECE_MODEL), StandardCopyOption.REPLACE_EXISTING);
      return TokenizerFactory.SENTENCEPIECE_MODEL;
    }
    for (String name : FILES) {
      Path f = source.resolve(name);
      if (Files.isRegularFile(f)) {
        Files.copy(f, modelDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (Files.isRegularFile(modelDir.resolve(TokenizerFactory.SENTENCEPIECE_MODEL))) {
      return TokenizerFactory.SENTENCEPIECE_MODEL;
    }
    if (Files.isRegularFile(modelDir.resolve(TokenizerFactory.WORDPIECE_VOCAB))) {
      return TokenizerFactory.WORDPIECE_VOCAB;
    }
    throw new IllegalArgumentException("tokenizer: no " + TokenizerFactory.SENTENCEPIECE_MODEL + " or "
        + TokenizerFactory.WORDPIECE_VOCAB + " in " + source);
  }
}

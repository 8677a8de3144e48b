package io.polyret.core.eval;

import io.polyret.models.encoder.EncoderSavedModel;
import io.polyret.models.tokenizer.CloseableTokenizer;
import io.polyret.models.tokenizer.EncodedBatch;
import io.polyret.models.tokenizer.TokenizerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link TextEncoder} over an exported polyret encoder ({@link EncoderSavedModel}, TensorFlow)
 * and the tokenizer of a Hugging Face model folder. Not thread-safe.
 */
public final class SavedModelTextEncoder implements TextEncoder, AutoCloseable {
  private final Path modelDir;
  private final EncoderSavedModel model;
  private final CloseableTokenizer tokenizer;
  private final int dimension;
  private String fingerprint;

  private SavedModelTextEncoder(Path modelDir, EncoderSavedModel model,
      CloseableTokenizer tokenizer) {
    this.modelDir = modelDir;
    this.model = model;
    this.tokenizer = tokenizer;
    // The embedding size (hidden size, or a dense head's output) is read off one probe encoding.
    this.dimension = encode(List.of("probe"), 8)[0].length;
  }

  /**
   * Opens an exported encoder and a tokenizer.
   *
   * @param modelDir folder written by {@link EncoderSavedModel#export}
   * @param tokenizerDir folder with {@code sentencepiece.bpe.model} or {@code vocab.txt} (may be
   *     the model folder itself)
   */
  public static SavedModelTextEncoder open(Path modelDir, Path tokenizerDir) throws IOException {
    EncoderSavedModel model = EncoderSavedModel.load(modelDir);
    CloseableTokenizer tokenizer;
    try {
      tokenizer = TokenizerFactory.fromModelDirectory(tokenizerDir);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
    if (tokenizer.vocabularySize() > model.config().vocabSize()) {
      tokenizer.close();
      model.close();
      throw new IllegalArgumentException("tokenizer of " + tokenizerDir + " has "
          + tokenizer.vocabularySize() + " ids but the model's vocabulary holds "
          + model.config().vocabSize());
    }
    try {
      return new SavedModelTextEncoder(modelDir, model, tokenizer);
    } catch (RuntimeException e) {
      tokenizer.close();
      model.close();
      throw e;
    }
  }

  /**
   * Opens an exported encoder whose tokenizer files ({@code sentencepiece.bpe.model} or
   * {@code vocab.txt}) lie in the export folder itself or in its {@code tokenizer/} subfolder.
   */
  public static SavedModelTextEncoder open(Path modelDir) throws IOException {
    Path sub = modelDir.resolve("tokenizer");
    boolean inSub = Files.isDirectory(sub)
        && (Files.exists(sub.resolve(TokenizerFactory.SENTENCEPIECE_MODEL))
            || Files.exists(sub.resolve(TokenizerFactory.WORDPIECE_VOCAB)));
    return open(modelDir, inSub ? sub : modelDir);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[][] encode(List<String> texts, int maxLength) {
    int limit = Math.min(maxLength, model.config().maxPositionEmbeddings());
    EncodedBatch batch = tokenizer.encodeBatch(texts, limit);
    return model.encode(batch.ids(), batch.mask());
  }

  /** SHA-256 over the export's files (graph, variables, metadata): changes with any weight. */
  @Override
  public synchronized String fingerprint() {
    if (fingerprint == null) {
      try (Stream<Path> files = Files.walk(modelDir)) {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          sha.update(modelDir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
          try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
              sha.update(buf, 0, n);
            }
          }
        }
        fingerprint = "savedmodel:" + HexFormat.of().formatHex(sha.digest());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + modelDir, e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return fingerprint;
  }

  @Override
  public void close() {
    tokenizer.close();
    model.close();
  }
}

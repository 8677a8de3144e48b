package io.polyret.models.tokenizer;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import io.polyret.models.tokenizer.SentencePieceModelFile.PieceType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * SentencePiece tokenizer running Google's C++ library through JNI ({@code
 * ai.djl.sentencepiece}, whose jar carries the native library; nothing is downloaded).
 *
 * <p>Two id mappings:
 *
 * <ul>
 *   <li>{@link IdMapping#FAIRSEQ} (XLM-R and its descendants): fairseq's dictionary puts {@code
 *       <s>}=0, {@code <pad>}=1, {@code </s>}=2, {@code <unk>}=3 first and shifts every other
 *       SentencePiece id by one; {@code <mask>} is appended last ({@code pieceCount + 1}), so the
 *       vocabulary holds {@code pieceCount + 2} ids (250,002 for XLM-R).
 *   <li>{@link IdMapping#PLAIN}: SentencePiece ids as they are; framing uses the model's own
 *       {@code <s>}/{@code </s>} control pieces when it has them, padding its {@code <pad>} piece
 *       (or {@code <unk>} when it has none: padded positions are masked anyway).
 * </ul>
 *
 * <p>On first use the JNI binding copies its native library to {@code ~/.djl.ai/sentencepiece/}
 * (another folder with the environment variable or system property {@code ENGINE_CACHE_DIR} or
 * {@code DJL_CACHE_DIR}).
 *
 * <p>Thread-safety: encoding is thread-safe. The C++ {@code SentencePieceProcessor}'s encode
 * methods are {@code const} and keep no per-call state in the processor, and the JNI binding adds
 * none; {@link #close()} waits for encodes in flight (a read/write lock) and later encodes fail
 * with {@link IllegalStateException}.
 */
public final class SentencePieceTokenizer implements CloseableTokenizer {

  /** How SentencePiece ids become model ids. */
  public enum IdMapping {
    /** XLM-R / fairseq: specials first, pieces shifted by one, {@code <mask>} last. */
    FAIRSEQ,
    /** SentencePiece ids unchanged. */
    PLAIN
  }

  /** fairseq's fixed special ids (XLM-R). */
  public static final int FAIRSEQ_BOS = 0;
  /** fairseq padding id. */
  public static final int FAIRSEQ_PAD = 1;
  /** fairseq end-of-sentence id. */
  public static final int FAIRSEQ_EOS = 2;
  /** fairseq unknown id. */
  public static final int FAIRSEQ_UNK = 3;

  private final Path modelPath;
  private final IdMapping mapping;
  private final SpTokenizer nativeTokenizer;
  private final SpProcessor processor;
  private final int pieceCount;
  private final int spmUnkId;
  private final int spmBosId;
  private final int spmEosId;
  private final int bosId;
  private final int eosId;
  private final int padId;
  private final int unkId;
  private final int vocabularySize;
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private SentencePieceTokenizer(
      Path modelPath, IdMapping mapping, SentencePieceModelFile table, SpTokenizer nativeTokenizer) {
    this.modelPath = modelPath;
    this.mapping = mapping;
    this.nativeTokenizer = nativeTokenizer;
    this.processor = nativeTokenizer.getProcessor();
    this.pieceCount = table.pieceCount();
    this.spmUnkId = table.firstOfType(PieceType.UNKNOWN);
    this.spmBosId = table.controlPiece("<s>");
    this.spmEosId = table.controlPiece("</s>");
    if (mapping == IdMapping.FAIRSEQ) {
      bosId = FAIRSEQ_BOS;
      eosId = FAIRSEQ_EOS;
      padId = FAIRSEQ_PAD;
      unkId = FAIRSEQ_UNK;
      vocabularySize = pieceCount + 2;
    } else {
      bosId = spmBosId;
      eosId = spmEosId;
      int spmPad = table.controlPiece("<pad>");
      padId = spmPad >= 0 ? spmPad : Math.max(spmUnkId, 0);
      unkId = spmUnkId;
      vocabularySize = pieceCount;
    }
  }

  /**
   * Loads a SentencePiece model.
   *
   * @param modelPath a {@code .model} file (for XLM-R: {@code sentencepiece.bpe.model})
   * @param mapping how SentencePiece ids become model ids
   * @throws IOException naming the path when the file is missing, unreadable or not a model
   */
  public static SentencePieceTokenizer open(Path modelPath, IdMapping mapping) throws IOException {
    Objects.requireNonNull(mapping, "mapping");
    SentencePieceModelFile table = SentencePieceModelFile.read(modelPath);
    if (mapping == IdMapping.FAIRSEQ && table.firstOfType(PieceType.UNKNOWN) < 0) {
      throw new IOException("SentencePiece model has no <unk> piece: " + modelPath);
    }
    SpTokenizer nativeTokenizer;
    try {
      nativeTokenizer = new SpTokenizer(modelPath);
    } catch (RuntimeException e) {
      // The native loader reports parse failures as ai.djl.engine.EngineException.
      throw new IOException(
          "SentencePiece could not load " + modelPath + ": " + e.getMessage(), e);
    }
    return new SentencePieceTokenizer(modelPath, mapping, table, nativeTokenizer);
  }

  /** Loads an XLM-R style model with the {@link IdMapping#FAIRSEQ} mapping. */
  public static SentencePieceTokenizer openXlmRoberta(Path modelPath) throws IOException {
    return open(modelPath, IdMapping.FAIRSEQ);
  }

  /**
   * The raw SentencePiece ids of {@code text}, unmapped and unframed (what {@code spm_encode
   * --output_format=id} prints).
   */
  public int[] pieceIds(String text) {
    Objects.requireNonNull(text, "text");
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return processor.encode(text);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** The SentencePiece pieces of {@code text} (for inspection and debugging). */
  public String[] pieces(String text) {
    Objects.requireNonNull(text, "text");
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return processor.tokenize(text);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Model ids of {@code text} without framing or truncation. */
  public int[] tokenIds(String text) {
    int[] ids = pieceIds(text);
    if (mapping == IdMapping.FAIRSEQ) {
      for (int i = 0; i < ids.length; i++) {
        ids[i] = toFairseq(ids[i]);
      }
    }
    return ids;
  }

  /** Maps one SentencePiece id to its fairseq (XLM-R) id. */
  public int toFairseq(int spmId) {
    if (spmId < 0 || spmId >= pieceCount) {
      throw new IllegalArgumentException(
          "SentencePiece id " + spmId + " outside 0.." + (pieceCount - 1));
    }
    if (spmId == spmUnkId) {
      return FAIRSEQ_UNK;
    }
    if (spmId == spmBosId) {
      return FAIRSEQ_BOS;
    }
    if (spmId == spmEosId) {
      return FAIRSEQ_EOS;
    }
    return spmId + 1;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Frames as {@code <s> pieces </s>} (PLAIN: with whichever of the two the model has); when
   * too long, pieces are cut from the end so that {@code </s>} stays last.
   */
  @Override
  public int[] encode(String text, int maxLength) {
    int frame = (bosId >= 0 ? 1 : 0) + (eosId >= 0 ? 1 : 0);
    if (maxLength < frame + 1) {
      throw new IllegalArgumentException(
          "maxLength " + maxLength + " leaves no room for a token inside the framing");
    }
    int[] body = tokenIds(text);
    int kept = Math.min(body.length, maxLength - frame);
    int[] out = new int[kept + frame];
    int at = 0;
    if (bosId >= 0) {
      out[at++] = bosId;
    }
    System.arraycopy(body, 0, out, at, kept);
    at += kept;
    if (eosId >= 0) {
      out[at] = eosId;
    }
    return out;
  }

  @Override
  public int padId() {
    return padId;
  }

  @Override
  public int vocabularySize() {
    return vocabularySize;
  }

  /** Begin-of-sentence id, or -1 when the (PLAIN) model has none. */
  public int bosId() {
    return bosId;
  }

  /** End-of-sentence id, or -1 when the (PLAIN) model has none. */
  public int eosId() {
    return eosId;
  }

  /** Unknown-piece id. */
  public int unkId() {
    return unkId;
  }

  /** {@code <mask>} id for the FAIRSEQ mapping ({@code pieceCount + 1}); -1 for PLAIN. */
  public int maskId() {
    return mapping == IdMapping.FAIRSEQ ? pieceCount + 1 : -1;
  }

  /** Number of pieces in the SentencePiece model. */
  public int pieceCount() {
    return pieceCount;
  }

  /** The id mapping in use. */
  public IdMapping mapping() {
    return mapping;
  }

  /** The model file. */
  public Path modelPath() {
    return modelPath;
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        nativeTokenizer.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("SentencePiece tokenizer for " + modelPath + " is closed");
    }
  }

  @Override
  public String toString() {
    return "SentencePieceTokenizer[" + modelPath + ", " + mapping + ", pieces=" + pieceCount
        + ", specials(bos,eos,pad,unk)=" + Arrays.toString(new int[] {bosId, eosId, padId, unkId})
        + "]";
  }
}

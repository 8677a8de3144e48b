package io.polyret.models.tokenizer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks the tokenizer of a Hugging Face model directory:
 *
 * <ul>
 *   <li>{@code sentencepiece.bpe.model} → {@link SentencePieceTokenizer} with XLM-R's fairseq id
 *       mapping;
 *   <li>{@code vocab.txt} → {@link WordPieceTokenizer} with the settings of {@code
 *       tokenizer_config.json} (BERT, LaBSE).
 * </ul>
 *
 * When both files are present, {@code tokenizer_class} in {@code tokenizer_config.json} decides:
 * a WordPiece class ({@code BertTokenizer}, {@code DistilBertTokenizer}, ..., with or without
 * {@code Fast}) selects WordPiece, anything else SentencePiece.
 */
public final class TokenizerFactory {

  /** XLM-R's SentencePiece model file name. */
  public static final String SENTENCEPIECE_MODEL = "sentencepiece.bpe.model";
  /** BERT's WordPiece vocabulary file name. */
  public static final String WORDPIECE_VOCAB = "vocab.txt";

  /** Hugging Face tokenizer classes that read {@code vocab.txt} with BERT's WordPiece rules. */
  private static final Set<String> WORDPIECE_CLASSES =
      Set.of(
          "BertTokenizer",
          "DistilBertTokenizer",
          "ElectraTokenizer",
          "MobileBertTokenizer",
          "SqueezeBertTokenizer",
          "ConvBertTokenizer",
          "LayoutLMTokenizer",
          "LxmertTokenizer",
          "FunnelTokenizer",
          "RetriBertTokenizer");

  private TokenizerFactory() {}

  /**
   * Opens the tokenizer of {@code directory}; close it when done.
   *
   * @throws IOException when the directory is missing or holds no tokenizer file polyret reads
   *     (the message lists what it holds), or when the tokenizer files cannot be read
   */
  public static CloseableTokenizer fromModelDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new NoSuchFileException(directory.toString(), null, "model directory not found");
    }
    Path sentencePiece = directory.resolve(SENTENCEPIECE_MODEL);
    Path vocab = directory.resolve(WORDPIECE_VOCAB);
    boolean hasSentencePiece = Files.exists(sentencePiece);
    boolean hasVocab = Files.exists(vocab);
    if (hasSentencePiece && hasVocab) {
      String tokenizerClass = HfTokenizerConfig.read(directory).tokenizerClass().orElse("");
      if (WORDPIECE_CLASSES.contains(tokenizerClass.replaceFirst("Fast$", ""))) {
        return WordPieceTokenizer.fromDirectory(directory);
      }
      return SentencePieceTokenizer.openXlmRoberta(sentencePiece);
    }
    if (hasSentencePiece) {
      return SentencePieceTokenizer.openXlmRoberta(sentencePiece);
    }
    if (hasVocab) {
      return WordPieceTokenizer.fromDirectory(directory);
    }
    throw new IOException(
        "no tokenizer polyret can read in "
            + directory
            + ": expected "
            + SENTENCEPIECE_MODEL
            + " (XLM-R SentencePiece) or "
            + WORDPIECE_VOCAB
            + " (BERT WordPiece); found "
            + listing(directory));
  }

  private static String listing(Path directory) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString() + (Files.isDirectory(entry) ? "/" : ""));
      }
    }
    names.sort(null);
    return names.isEmpty() ? "an empty directory" : String.join(", ", names);
  }
}

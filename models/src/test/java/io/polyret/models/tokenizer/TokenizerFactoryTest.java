package io.polyret.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the tokenizer from the files of a Hugging Face model directory. */
class TokenizerFactoryTest {

  @TempDir Path temp;

  private Path directory(String name) throws IOException {
    return Files.createDirectories(temp.resolve(name));
  }

  private static void addVocab(Path dir) throws Exception {
    Files.copy(WordPieceHfParityTest.vocabFile(), dir.resolve("vocab.txt"));
  }

  private static void addSentencePiece(Path dir) throws IOException {
    HandWrittenSentencePieceModel.writeDefault(dir.resolve("sentencepiece.bpe.model"));
  }

  @Test
  void sentencePieceModelMeansXlmRoberta() throws Exception {
    Path dir = directory("xlmr");
    addSentencePiece(dir);
    try (CloseableTokenizer tokenizer = TokenizerFactory.fromModelDirectory(dir)) {
      SentencePieceTokenizer sp = assertInstanceOf(SentencePieceTokenizer.class, tokenizer);
      assertEquals(SentencePieceTokenizer.IdMapping.FAIRSEQ, sp.mapping());
      assertEquals(1, tokenizer.padId());
    }
  }

  @Test
  void vocabTxtMeansWordPieceWithItsConfig() throws Exception {
    Path dir = directory("labse");
    addVocab(dir);
    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": false}");
    try (CloseableTokenizer tokenizer = TokenizerFactory.fromModelDirectory(dir)) {
      WordPieceTokenizer wp = assertInstanceOf(WordPieceTokenizer.class, tokenizer);
      assertEquals(false, wp.options().doLowerCase());
    }
  }

  @Test
  void tokenizerClassDecidesWhenBothArePresent() throws Exception {
    Path dir = directory("both");
    addVocab(dir);
    addSentencePiece(dir);
    try (CloseableTokenizer tokenizer = TokenizerFactory.fromModelDirectory(dir)) {
      assertInstanceOf(SentencePieceTokenizer.class, tokenizer);
    }
    Files.writeString(dir.resolve("tokenizer_config.json"),
        "{\"tokenizer_class\": \"BertTokenizerFast\"}");
    try (CloseableTokenizer tokenizer = TokenizerFactory.fromModelDirectory(dir)) {
      assertInstanceOf(WordPieceTokenizer.class, tokenizer);
    }
    Files.writeString(dir.resolve("tokenizer_config.json"),
        "{\"tokenizer_class\": \"XLMRobertaTokenizer\"}");
    try (CloseableTokenizer tokenizer = TokenizerFactory.fromModelDirectory(dir)) {
      assertInstanceOf(SentencePieceTokenizer.class, tokenizer);
    }
    Files.writeString(dir.resolve("tokenizer_config.json"),
        "{\"tokenizer_class\": \"CamembertTokenizer\"}");
    try (CloseableTokenizer tokenizer = TokenizerFactory.fromModelDirectory(dir)) {
      assertInstanceOf(SentencePieceTokenizer.class, tokenizer);
    }
  }

  @Test
  void noTokenizerFileListsWhatWasFound() throws Exception {
    Path dir = directory("fast-only");
    Files.writeString(dir.resolve("tokenizer.json"), "{}");
    Files.writeString(dir.resolve("config.json"), "{}");
    IOException e = assertThrows(IOException.class, () -> TokenizerFactory.fromModelDirectory(dir));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("config.json, tokenizer.json"), e.getMessage());
    assertTrue(e.getMessage().contains("sentencepiece.bpe.model")
        && e.getMessage().contains("vocab.txt"), e.getMessage());
  }

  @Test
  void missingDirectoryIsNamed() {
    Path missing = temp.resolve("absent");
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> TokenizerFactory.fromModelDirectory(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }
}

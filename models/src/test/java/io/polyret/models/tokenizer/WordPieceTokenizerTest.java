package io.polyret.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.models.tokenizer.WordPieceOptions.AccentStripping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings, special tokens, framing and errors of the WordPiece tokenizer. */
class WordPieceTokenizerTest {

  @TempDir Path temp;

  private Path modelDirectory(String tokenizerConfig) throws Exception {
    Path dir = Files.createDirectories(temp.resolve("model"));
    Files.copy(WordPieceHfParityTest.vocabFile(), dir.resolve("vocab.txt"));
    if (tokenizerConfig != null) {
      Files.writeString(dir.resolve("tokenizer_config.json"), tokenizerConfig);
    }
    return dir;
  }

  @Test
  void settingsComeFromTokenizerConfig() throws Exception {
    Path dir = modelDirectory("""
        {"tokenizer_class": "BertTokenizer", "do_lower_case": false, "strip_accents": true,
         "tokenize_chinese_chars": false, "unk_token": {"content": "[UNK]", "special": true}}""");
    WordPieceTokenizer tokenizer = WordPieceTokenizer.fromDirectory(dir);
    assertFalse(tokenizer.options().doLowerCase());
    assertEquals(AccentStripping.ALWAYS, tokenizer.options().stripAccents());
    // accents stripped although case is kept; "café" -> "cafe"
    assertEquals(List.of("cafe", "Hello"), tokenizer.tokenize("café Hello"));
    // CJK splitting off: "中国" is one word, which the vocabulary cannot cover
    assertEquals(List.of("[UNK]"), tokenizer.tokenize("中国"));
  }

  @Test
  void defaultsFollowHuggingFaceWithoutConfig() throws Exception {
    WordPieceTokenizer tokenizer = WordPieceTokenizer.fromDirectory(modelDirectory(null));
    assertTrue(tokenizer.options().doLowerCase());
    assertEquals(List.of("cafe", "hello", "中", "国"), tokenizer.tokenize("CAFÉ Hello中国"));
  }

  @Test
  void specialTokensInTheTextStayWhole() throws Exception {
    WordPieceTokenizer tokenizer = WordPieceTokenizer.fromDirectory(modelDirectory(null));
    assertEquals(List.of("hello", "[SEP]", "world", "[MASK]", "."),
        tokenizer.tokenize("Hello[SEP] world [MASK]."));
    // lower-cased specials are ordinary text (the brackets are not in this vocabulary)
    assertEquals(List.of("[UNK]", "s", "##e", "##p", "[UNK]"), tokenizer.tokenize("[sep]"));
  }

  @Test
  void framingTruncationAndPadding() throws Exception {
    WordPieceTokenizer tokenizer = WordPieceTokenizer.fromDirectory(modelDirectory(null));
    int cls = tokenizer.clsId();
    int sep = tokenizer.sepId();
    int[] ids = tokenizer.tokenIds("the cat sat on the mat");
    assertEquals(6, ids.length);
    assertArrayEquals(new int[] {cls, ids[0], ids[1], ids[2], sep},
        tokenizer.encode("the cat sat on the mat", 5));
    assertArrayEquals(new int[] {cls, ids[0], sep}, tokenizer.encode("the cat sat", 3));
    assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("the", 2));

    EncodedBatch batch = tokenizer.encodeBatch(List.of("the cat", ""), 16);
    assertEquals(0, tokenizer.padId()); // [PAD] is line 0 of the vocabulary
    assertArrayEquals(new int[] {cls, ids[0], ids[1], sep}, batch.ids()[0]);
    assertArrayEquals(new int[] {cls, sep, 0, 0}, batch.ids()[1]);
    assertArrayEquals(new int[] {1, 1, 0, 0}, batch.mask()[1]);
    assertEquals(tokenizer.vocabulary().size(), tokenizer.vocabularySize());
  }

  @Test
  void normalisationEdgeCases() {
    BertPreTokenizer lower = new BertPreTokenizer(true, false, true);
    BertPreTokenizer lowerStrip = new BertPreTokenizer(true, true, true);
    // full lower-case mapping of U+0130, without stripping the dot above
    assertEquals("i\u0307", lower.normalize("\u0130"));
    assertEquals("i", lowerStrip.normalize("\u0130"));
    // vertical tab is a control character (removed), NBSP and U+2028 are whitespace
    assertEquals(List.of("ab", "c", "d"), lower.words("a\u000Bb\u00A0c\u2028d"));
    // Unicode punctuation (¿ Po, « Pi, — Pd) and ASCII symbols (^ `) split words; © (So) does not
    assertEquals(List.of("¿", "que", "«", "x", "»", "—", "y", "^", "z", "`", "a©b"),
        lower.words("¿que«x»—y^z`a©b"));
  }

  @Test
  void missingVocabularyIsNamed() {
    Path missing = temp.resolve("nowhere");
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> WordPieceTokenizer.fromDirectory(missing));
    assertTrue(e.getMessage().contains(missing.resolve("vocab.txt").toString()), e.getMessage());
  }

  @Test
  void vocabularyWithoutUnkIsRejected() throws Exception {
    Path vocab = Files.writeString(temp.resolve("vocab.txt"), "[PAD]\n[CLS]\n[SEP]\nhello\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WordPieceTokenizer.fromVocabFile(vocab, WordPieceOptions.defaults(true)));
    assertTrue(e.getMessage().contains("[UNK]") && e.getMessage().contains(vocab.toString()),
        e.getMessage());
  }

  @Test
  void badConfigFilesAreNamed() throws Exception {
    Path dir = modelDirectory("{not json");
    IOException e = assertThrows(IOException.class, () -> WordPieceTokenizer.fromDirectory(dir));
    assertTrue(e.getMessage().contains("tokenizer_config.json"), e.getMessage());

    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"do_lower_case\": \"yes\"}");
    IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
        () -> WordPieceTokenizer.fromDirectory(dir));
    assertTrue(wrongType.getMessage().contains("do_lower_case")
        && wrongType.getMessage().contains("\"yes\""), wrongType.getMessage());
  }
}

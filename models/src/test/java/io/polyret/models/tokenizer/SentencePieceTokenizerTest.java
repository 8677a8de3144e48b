package io.polyret.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.models.tokenizer.SentencePieceTokenizer.IdMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Id mapping, framing, truncation, padding and errors, on a hand-written unigram model. */
class SentencePieceTokenizerTest {

  @TempDir Path temp;

  private Path model() throws IOException {
    return HandWrittenSentencePieceModel.writeDefault(temp.resolve("hand.model"));
  }

  @Test
  void rawIdsFollowTheUnigramScores() throws Exception {
    try (SentencePieceTokenizer tokenizer = SentencePieceTokenizer.open(model(), IdMapping.PLAIN)) {
      assertEquals(17, tokenizer.pieceCount());
      // whole-word pieces win over characters; "low" has no word piece: ▁ + characters
      assertArrayEquals(new int[] {3, 4}, tokenizer.pieceIds("hello   world"));
      assertArrayEquals(new int[] {6, 9, 10, 11}, tokenizer.pieceIds("low"));
      // unknown characters become <unk> (id 0)
      assertArrayEquals(new int[] {3, 6, 0}, tokenizer.pieceIds("hello 😀"));
      assertEquals(List.of("▁hello", "▁world"), Arrays.asList(tokenizer.pieces("hello world")));
    }
  }

  @Test
  void fairseqMappingShiftsPiecesAndFixesSpecials() throws Exception {
    try (SentencePieceTokenizer xlmr = SentencePieceTokenizer.openXlmRoberta(model())) {
      assertEquals(0, xlmr.bosId());
      assertEquals(1, xlmr.padId());
      assertEquals(2, xlmr.eosId());
      assertEquals(3, xlmr.unkId());
      assertEquals(18, xlmr.maskId()); // piece count + 1
      assertEquals(19, xlmr.vocabularySize()); // piece count + 2
      assertEquals(3, xlmr.toFairseq(0));
      assertEquals(0, xlmr.toFairseq(1));
      assertEquals(2, xlmr.toFairseq(2));
      assertEquals(4, xlmr.toFairseq(3));
      assertEquals(17, xlmr.toFairseq(16));
      assertThrows(IllegalArgumentException.class, () -> xlmr.toFairseq(17));
      assertArrayEquals(new int[] {4, 5, 7, 3}, xlmr.tokenIds("hello world 😀"));
      assertArrayEquals(new int[] {0, 4, 5, 7, 3, 2}, xlmr.encode("hello world 😀", 64));
      assertArrayEquals(new int[] {0, 2}, xlmr.encode("", 64));
    }
  }

  @Test
  void truncationKeepsEndOfSentence() throws Exception {
    try (SentencePieceTokenizer xlmr = SentencePieceTokenizer.openXlmRoberta(model())) {
      String text = "hello world polyret hello world";
      assertArrayEquals(new int[] {0, 4, 5, 6, 4, 5, 2}, xlmr.encode(text, 64));
      assertArrayEquals(new int[] {0, 4, 5, 6, 2}, xlmr.encode(text, 5));
      assertArrayEquals(new int[] {0, 4, 2}, xlmr.encode(text, 3));
      assertThrows(IllegalArgumentException.class, () -> xlmr.encode(text, 2));
    }
  }

  @Test
  void batchIsPaddedWithPadIdAndMasked() throws Exception {
    try (SentencePieceTokenizer xlmr = SentencePieceTokenizer.openXlmRoberta(model())) {
      EncodedBatch batch = xlmr.encodeBatch(List.of("hello world polyret", "", "world"), 4);
      assertEquals(3, batch.size());
      assertEquals(4, batch.width());
      assertArrayEquals(new int[] {0, 4, 5, 2}, batch.ids()[0]);
      assertArrayEquals(new int[] {0, 2, 1, 1}, batch.ids()[1]);
      assertArrayEquals(new int[] {0, 5, 2, 1}, batch.ids()[2]);
      assertArrayEquals(new int[] {1, 1, 1, 1}, batch.mask()[0]);
      assertArrayEquals(new int[] {1, 1, 0, 0}, batch.mask()[1]);
      assertArrayEquals(new int[] {1, 1, 1, 0}, batch.mask()[2]);
      assertArrayEquals(new int[] {4, 2, 3}, batch.lengths());
    }
  }

  @Test
  void plainMappingUsesTheModelsOwnSpecials() throws Exception {
    try (SentencePieceTokenizer plain = SentencePieceTokenizer.open(model(), IdMapping.PLAIN)) {
      assertEquals(1, plain.bosId());
      assertEquals(2, plain.eosId());
      assertEquals(0, plain.unkId());
      assertEquals(0, plain.padId()); // no <pad> piece: falls back to <unk>
      assertEquals(-1, plain.maskId());
      assertEquals(17, plain.vocabularySize());
      assertArrayEquals(new int[] {1, 3, 4, 2}, plain.encode("hello world", 16));
    }
    // a model with <pad> and without <s>: pad is used, framing is </s> only
    List<HandWrittenSentencePieceModel.Piece> pieces =
        new ArrayList<>(HandWrittenSentencePieceModel.defaultPieces());
    pieces.set(1, new HandWrittenSentencePieceModel.Piece("<pad>", 0,
        HandWrittenSentencePieceModel.CONTROL));
    Path padModel = HandWrittenSentencePieceModel.write(temp.resolve("pad.model"), pieces);
    try (SentencePieceTokenizer plain = SentencePieceTokenizer.open(padModel, IdMapping.PLAIN)) {
      assertEquals(-1, plain.bosId());
      assertEquals(1, plain.padId());
      assertArrayEquals(new int[] {3, 4, 2}, plain.encode("hello world", 16));
      assertArrayEquals(new int[] {3, 2}, plain.encode("hello world", 2));
    }
  }

  @Test
  void concurrentEncodingGivesTheSameIds() throws Exception {
    List<String> lines = new ArrayList<>();
    String[] words = {"hello", "world", "polyret", "low", "dry", "typo", "😀"};
    for (int i = 0; i < 2000; i++) {
      lines.add(words[i % 7] + " " + words[(i * 3) % 7] + " " + words[(i * 5 + 1) % 7]);
    }
    try (SentencePieceTokenizer xlmr = SentencePieceTokenizer.openXlmRoberta(model())) {
      List<int[]> expected = new ArrayList<>();
      for (String line : lines) {
        expected.add(xlmr.encode(line, 32));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int offset = t * 500;
          results.add(pool.submit(() -> {
            int same = 0;
            for (int k = 0; k < lines.size(); k++) {
              int i = (k + offset) % lines.size();
              if (Arrays.equals(expected.get(i), xlmr.encode(lines.get(i), 32))) {
                same++;
              }
            }
            return same;
          }));
        }
        for (Future<Integer> result : results) {
          assertEquals(lines.size(), result.get());
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void encodingAfterCloseFails() throws Exception {
    SentencePieceTokenizer tokenizer = SentencePieceTokenizer.openXlmRoberta(model());
    tokenizer.close();
    tokenizer.close(); // idempotent
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> tokenizer.encode("hello", 8));
    assertTrue(e.getMessage().contains("hand.model"), e.getMessage());
  }

  @Test
  void missingModelFileIsNamed() {
    Path missing = temp.resolve("nope/sentencepiece.bpe.model");
    IOException e = assertThrows(IOException.class,
        () -> SentencePieceTokenizer.openXlmRoberta(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void corruptModelFilesAreNamed() throws Exception {
    Path garbage = Files.writeString(temp.resolve("garbage.model"), "this is not a model\n");
    IOException e = assertThrows(IOException.class,
        () -> SentencePieceTokenizer.openXlmRoberta(garbage));
    assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());

    byte[] real = Files.readAllBytes(model());
    Path truncated = Files.write(temp.resolve("truncated.model"),
        Arrays.copyOf(real, real.length / 2));
    e = assertThrows(IOException.class, () -> SentencePieceTokenizer.openXlmRoberta(truncated));
    assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());

    Path empty = Files.write(temp.resolve("empty.model"), new byte[0]);
    e = assertThrows(IOException.class, () -> SentencePieceTokenizer.openXlmRoberta(empty));
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("no pieces"), e.getMessage());

    // well-formed protobuf that SentencePiece itself rejects (a piece defined twice)
    List<HandWrittenSentencePieceModel.Piece> pieces =
        new ArrayList<>(HandWrittenSentencePieceModel.defaultPieces());
    pieces.add(pieces.get(3));
    Path duplicate = HandWrittenSentencePieceModel.write(temp.resolve("duplicate.model"), pieces);
    e = assertThrows(IOException.class, () -> SentencePieceTokenizer.openXlmRoberta(duplicate));
    assertTrue(e.getMessage().contains(duplicate.toString()), e.getMessage());
  }

  @Test
  void unreadableModelFileIsNamed() throws Exception {
    Path directory = Files.createDirectory(temp.resolve("dir.model"));
    IOException e = assertThrows(IOException.class,
        () -> SentencePieceTokenizer.openXlmRoberta(directory));
    assertTrue(e.getMessage().contains(directory.toString()), e.getMessage());
  }
}

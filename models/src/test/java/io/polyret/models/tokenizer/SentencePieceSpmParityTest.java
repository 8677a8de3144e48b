package io.polyret.models.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JNI tokenizer's raw ids must equal Debian's {@code spm_encode --output_format=id} on every
 * line: on the public SentencePiece test models (from {@code ../shared/data/sentencepiece}) and on
 * BPE and unigram models trained here with {@code spm_train} over multilingual text.
 */
class SentencePieceSpmParityTest {

  @TempDir Path temp;

  private static Path spmEncode() {
    var found = SpmCommandLine.find("spm_encode");
    assumeTrue(found.isPresent(),
        "spm_encode not on PATH: install Debian's 'sentencepiece' package to run this test");
    return found.get();
  }

  private static Path spmTrain() {
    var found = SpmCommandLine.find("spm_train");
    assumeTrue(found.isPresent(),
        "spm_train not on PATH: install Debian's 'sentencepiece' package to run this test");
    return found.get();
  }

  private static Path sharedSentencePieceDir() {
    String shared = System.getProperty("polyret.shared.dir");
    Path dir = shared == null ? null : Path.of(shared, "data", "sentencepiece");
    assumeTrue(dir != null && Files.isDirectory(dir),
        "shared data folder absent (" + dir + "): set -Dpolyret.shared.dir to the folder holding "
            + "data/sentencepiece to run this test");
    return dir;
  }

  /** Lines for comparison: multilingual lines, edge cases and (when given) a text file. */
  private List<String> testLines(Path extraText) throws IOException {
    List<String> lines = new ArrayList<>(MultilingualText.lines(7, 400));
    lines.addAll(MultilingualText.edgeCases());
    if (extraText != null) {
      lines.addAll(Files.readAllLines(extraText, StandardCharsets.UTF_8));
    }
    return lines;
  }

  private void assertSameIdsAsSpmEncode(Path model, List<String> lines) throws Exception {
    Path spmEncode = spmEncode();
    for (String line : lines) {
      assertTrue(line.indexOf('\n') < 0 && line.indexOf('\r') < 0, "one line per text");
    }
    Path input = temp.resolve("input.txt");
    Files.write(input, lines, StandardCharsets.UTF_8);
    List<int[]> expected =
        SpmCommandLine.encodeIds(spmEncode, model, input, temp.resolve("ids.txt"));
    assertEquals(lines.size(), expected.size(), "spm_encode output lines");

    List<String> mismatches = new ArrayList<>();
    try (SentencePieceTokenizer tokenizer =
        SentencePieceTokenizer.open(model, SentencePieceTokenizer.IdMapping.PLAIN)) {
      for (int i = 0; i < lines.size(); i++) {
        int[] actual = tokenizer.pieceIds(lines.get(i));
        if (!Arrays.equals(expected.get(i), actual)) {
          mismatches.add("line " + (i + 1) + " '" + lines.get(i) + "': spm_encode "
              + Arrays.toString(expected.get(i)) + " JNI " + Arrays.toString(actual));
        }
      }
    }
    assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + lines.size()
        + " lines differ from spm_encode on " + model + ", first: "
        + mismatches.subList(0, Math.min(5, mismatches.size())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"test_model.model", "test_ja_model.model"})
  void sharedModelsMatchSpmEncode(String modelName) throws Exception {
    Path dir = sharedSentencePieceDir();
    spmEncode();
    assertSameIdsAsSpmEncode(dir.resolve(modelName), testLines(dir.resolve("botchan.txt")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bpe", "unigram"})
  void trainedModelsMatchSpmEncode(String modelType) throws Exception {
    Path spmTrain = spmTrain();
    spmEncode();
    Path corpus = temp.resolve("corpus.txt");
    Files.write(corpus, MultilingualText.lines(1, 3000), StandardCharsets.UTF_8);
    Path model = SpmCommandLine.train(spmTrain, corpus, temp.resolve(modelType), modelType, 600);

    try (SentencePieceTokenizer tokenizer =
        SentencePieceTokenizer.open(model, SentencePieceTokenizer.IdMapping.PLAIN)) {
      // The model must know multi-script pieces, or the comparison proves little.
      assertTrue(tokenizer.pieceCount() > 300, "trained piece count " + tokenizer.pieceCount());
      assertTrue(Arrays.stream(tokenizer.pieceIds("😀 привет 東京")).noneMatch(id -> id == 0),
          "emoji, Cyrillic and CJK should be in the trained vocabulary");
    }
    assertSameIdsAsSpmEncode(model, testLines(null));
  }

  @Test
  void fairseqIdsAreSpmIdsShiftedByOne() throws Exception {
    Path spmTrain = spmTrain();
    Path corpus = temp.resolve("corpus.txt");
    Files.write(corpus, MultilingualText.lines(3, 1500), StandardCharsets.UTF_8);
    Path model = SpmCommandLine.train(spmTrain, corpus, temp.resolve("fs"), "unigram", 400);
    try (SentencePieceTokenizer plain =
            SentencePieceTokenizer.open(model, SentencePieceTokenizer.IdMapping.PLAIN);
        SentencePieceTokenizer fairseq = SentencePieceTokenizer.openXlmRoberta(model)) {
      for (String line : testLines(null)) {
        int[] raw = plain.pieceIds(line);
        int[] mapped = fairseq.tokenIds(line);
        assertEquals(raw.length, mapped.length);
        for (int i = 0; i < raw.length; i++) {
          assertEquals(raw[i] == 0 ? 3 : raw[i] + 1, mapped[i], "line '" + line + "' at " + i);
        }
      }
      assertEquals(plain.pieceCount() + 2, fairseq.vocabularySize());
      assertEquals(plain.pieceCount() + 1, fairseq.maskId());
    }
  }
}

package io.polyret.core.data.lareqa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyret.core.data.DataFormatException;
import io.polyret.core.data.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LareqaReaderTest {

  @TempDir Path tmp;

  @Test
  void xquadRHasThePublishedCounts() {
    LareqaDataset data = LareqaReader.read(SharedData.folder("xquad-r"));
    Map<String, Integer> expected =
        Map.ofEntries(
            Map.entry("ar", 1222), Map.entry("de", 1276), Map.entry("el", 1234),
            Map.entry("en", 1180), Map.entry("es", 1215), Map.entry("hi", 1244),
            Map.entry("ru", 1219), Map.entry("th", 852), Map.entry("tr", 1167),
            Map.entry("vi", 1209), Map.entry("zh", 1196));
    assertEquals(expected.keySet(), data.languages().keySet());
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      LareqaLanguage lang = data.language(e.getKey());
      assertEquals(1190, lang.questions().size(), "questions of " + e.getKey());
      assertEquals(e.getValue(), lang.candidates().size(), "candidates of " + e.getKey());
    }
    assertEquals(13_014, data.candidateCount());
    assertEquals(0, data.summary().skipped());
    assertEquals("xquad-r", data.name());

    Set<String> ids = new HashSet<>();
    data.languages().values().forEach(l -> l.candidates().forEach(c -> assertTrue(ids.add(c.id()))));
    // Every id exists in all 11 languages.
    data.languagesPerQuestionId().values().forEach(langs -> assertEquals(11, langs.size()));
  }

  /**
   * The data README counts 112 of the 13,090 answers that run past the end of the sentence holding
   * their start: each must go to that sentence (found here from the raw JSON, independently of the
   * reader).
   */
  @Test
  void xquadRAnswersCrossingASentenceBreakGoToTheSentenceHoldingTheStart() throws IOException {
    Path folder = SharedData.folder("xquad-r");
    LareqaDataset data = LareqaReader.read(folder);
    ObjectMapper json = new ObjectMapper();
    int crossing = 0;
    int answers = 0;
    for (String lang : data.languageCodes()) {
      Map<String, String> goldById = new HashMap<>();
      data.language(lang).questions().forEach(q -> goldById.put(q.id(), q.goldCandidateId()));
      int paragraph = 0;
      for (JsonNode article : json.readTree(folder.resolve(lang + ".json").toFile()).get("data")) {
        for (JsonNode p : article.get("paragraphs")) {
          JsonNode breaks = p.get("sentence_breaks");
          for (JsonNode qa : p.get("qas")) {
            JsonNode answer = qa.get("answers").get(0);
            int start = answer.get("answer_start").asInt();
            String text = answer.get("text").asText();
            int end = start + text.codePointCount(0, text.length());
            answers++;
            for (int i = 0; i < breaks.size(); i++) {
              if (start >= breaks.get(i).get(0).asInt() && start < breaks.get(i).get(1).asInt()) {
                if (end > breaks.get(i).get(1).asInt()) {
                  crossing++;
                  assertEquals(LareqaCandidate.idOf(lang, paragraph, i), goldById.get(qa.get("id").asText()),
                      lang + " " + qa.get("id").asText());
                }
                break;
              }
            }
          }
          paragraph++;
        }
      }
    }
    assertEquals(13_090, answers);
    assertEquals(112, crossing);
  }

  @Test
  void xquadRGoldSentenceHoldsTheAnswerStart() {
    LareqaLanguage en = LareqaReader.read(SharedData.folder("xquad-r"), List.of("en")).language("en");
    LareqaQuestion first = en.questions().get(0);
    assertEquals("56beb4343aeaaa14008c925b", first.id());
    LareqaCandidate gold = en.gold(first);
    assertEquals(first.goldCandidateId(), gold.id());
    // "How many points did the Panthers defense surrender?" -> answer "308" in the first sentence.
    assertTrue(gold.sentence().contains("308"), gold.sentence());
    assertEquals(0, gold.sentenceIndex());
    assertEquals("en:0:0", gold.id());
    int containing = 0;
    for (LareqaQuestion q : en.questions()) {
      if (en.gold(q).sentence().length() > 0) {
        containing++;
      }
    }
    assertEquals(1190, containing);
    assertTrue(gold.text(CandidateText.SENTENCE_WITH_CONTEXT).startsWith(gold.sentence() + " "));
    assertTrue(gold.text(CandidateText.SENTENCE_WITH_CONTEXT).endsWith(gold.context()));
  }

  private static final String PARAGRAPH =
      "{\"context\":\"Aa bb. Cc dd. Ee.\","
          + "\"sentence_breaks\":[[0,6],[7,13],[14,17]],"
          + "\"sentences\":[\"Aa bb.\",\"Cc dd.\",\"Ee.\"],"
          + "\"qas\":[%s]}";

  private static String qa(String id, String question, int answerStart) {
    return "{\"id\":\"" + id + "\",\"question\":\"" + question
        + "\",\"answers\":[{\"answer_start\":" + answerStart + ",\"text\":\"x\"}]}";
  }

  private Path write(String lang, String json) throws IOException {
    Path dir = tmp.resolve("bench");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(lang + ".json"), json, StandardCharsets.UTF_8);
    return dir;
  }

  private static String file(String... paragraphs) {
    return "{\"version\":\"1.1\",\"data\":[{\"title\":\"t\",\"paragraphs\":["
        + String.join(",", paragraphs) + "]}]}";
  }

  @Test
  void goldIsSentenceHoldingAnswerStartAndGapGoesToNextSentence() throws IOException {
    Path dir =
        write(
            "en",
            file(
                PARAGRAPH.formatted(
                    String.join(",", qa("q1", "in first", 3), qa("q2", "in gap", 6),
                        qa("q3", "crosses break", 12), qa("q4", "last", 16))),
                PARAGRAPH.formatted(qa("q5", "second paragraph", 8))));
    LareqaLanguage en = LareqaReader.read(dir).language("en");
    assertEquals(6, en.candidates().size());
    List<String> gold = en.questions().stream().map(LareqaQuestion::goldCandidateId).toList();
    assertEquals(List.of("en:0:0", "en:0:1", "en:0:1", "en:0:2", "en:1:1"), gold);
    assertEquals(4, en.questions().get(4).goldCandidateIndex());
  }

  @Test
  void duplicateSentenceTextsStaySeparateCandidates() throws IOException {
    Path dir = write("de", file(PARAGRAPH.formatted(qa("q1", "a", 0)), PARAGRAPH.formatted("")));
    LareqaLanguage de = LareqaReader.read(dir).language("de");
    assertEquals(6, de.candidates().size());
    assertEquals(de.candidates().get(0).sentence(), de.candidates().get(3).sentence());
  }

  @Test
  void answerAfterLastSentenceFailsWithFileAndLine() throws IOException {
    Path dir = write("en", file(PARAGRAPH.formatted(qa("q1", "a", 40))));
    DataFormatException e = assertThrows(DataFormatException.class, () -> LareqaReader.read(dir));
    assertTrue(e.getMessage().contains("en.json:1:"), e.getMessage());
    assertTrue(e.getMessage().contains("answer_start 40"), e.getMessage());
  }

  @Test
  void negativeAnswerStartFails() throws IOException {
    Path dir = write("en", file(PARAGRAPH.formatted(qa("q1", "a", -3))));
    DataFormatException e = assertThrows(DataFormatException.class, () -> LareqaReader.read(dir));
    assertTrue(e.getMessage().contains("answer_start missing or not a non-negative integer: -3"), e.getMessage());
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() throws IOException {
    Path dir = write("en", "{\"data\": [\n  {\"paragraphs\": [\n    {\"context\": \"x\" \"oops\"}]}]}");
    DataFormatException e = assertThrows(DataFormatException.class, () -> LareqaReader.read(dir));
    assertTrue(e.getMessage().startsWith(dir.resolve("en.json") + ":3:"), e.getMessage());
    assertEquals(3, e.line());
    assertTrue(e.column() > 0);
  }

  @Test
  void missingFieldIsNamed() throws IOException {
    String noSentences =
        "{\"context\":\"Aa.\",\"sentence_breaks\":[[0,3]],\"qas\":[" + qa("q", "a", 0) + "]}";
    Path dir = write("en", file(noSentences));
    DataFormatException e = assertThrows(DataFormatException.class, () -> LareqaReader.read(dir));
    assertTrue(e.getMessage().contains("data[0].paragraphs[0].sentences missing"), e.getMessage());
  }

  @Test
  void mismatchedBreaksAndSentencesFail() throws IOException {
    String bad =
        "{\"context\":\"Aa.\",\"sentence_breaks\":[[0,3],[3,3]],\"sentences\":[\"Aa.\"],\"qas\":[]}";
    Path dir = write("en", file(bad));
    DataFormatException e = assertThrows(DataFormatException.class, () -> LareqaReader.read(dir));
    assertTrue(e.getMessage().contains("2 sentence_breaks but 1 sentences"), e.getMessage());
  }

  @Test
  void duplicateQuestionIdInOneLanguageFails() throws IOException {
    Path dir = write("en", file(PARAGRAPH.formatted(qa("q1", "a", 0) + "," + qa("q1", "b", 7))));
    DataFormatException e = assertThrows(DataFormatException.class, () -> LareqaReader.read(dir));
    assertTrue(e.getMessage().contains("duplicate question id 'q1'"), e.getMessage());
  }

  @Test
  void emptyTextsAreSkippedAndCounted() throws IOException {
    String paragraph =
        "{\"context\":\"Aa.   \",\"sentence_breaks\":[[0,3],[3,6]],\"sentences\":[\"Aa.\",\"   \"],"
            + "\"qas\":[" + qa("q1", " ", 0) + "," + qa("q2", "gold empty", 4) + ","
            + qa("q3", "fine", 1) + "]}";
    Path dir = write("en", file(paragraph));
    LareqaDataset data = LareqaReader.read(dir);
    LareqaLanguage en = data.language("en");
    assertEquals(1, en.candidates().size());
    assertEquals(List.of("q3"), en.questions().stream().map(LareqaQuestion::id).toList());
    assertEquals(3, data.summary().skipped());
    assertEquals(1L, data.summary().skippedPerReason().get("empty question (en)"));
    assertEquals(1L, data.summary().skippedPerReason().get("empty sentence (en)"));
  }

  @Test
  void missingLanguageFileListsLanguagesFound() throws IOException {
    Path dir = write("en", file(PARAGRAPH.formatted("")));
    write("de", file(PARAGRAPH.formatted("")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LareqaReader.read(dir, List.of("en", "zh")));
    assertTrue(e.getMessage().contains("zh.json"), e.getMessage());
    assertTrue(e.getMessage().contains("[de, en]"), e.getMessage());
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> LareqaReader.read(tmp));
    assertTrue(empty.getMessage().contains("no LAReQA files"), empty.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LareqaReader.read(tmp.resolve("absent")));
  }

  @Test
  void mlqaLikeIdsInSomeLanguagesBecomePartialParallelData() throws IOException {
    Path dir = write("en", file(PARAGRAPH.formatted(qa("a", "q", 0) + "," + qa("b", "q", 7) + "," + qa("c", "q", 14))));
    write("de", file(PARAGRAPH.formatted(qa("a", "q", 0) + "," + qa("c", "q", 14))));
    write("zh", file(PARAGRAPH.formatted(qa("b", "q", 7))));
    LareqaDataset data = LareqaReader.read(dir);
    assertEquals(List.of("de", "en", "zh"), data.languageCodes());
    assertEquals(List.of("en", "zh"), data.languagesPerQuestionId().get("b"));
    io.polyret.core.data.InMemoryParallelDataset parallel =
        data.toParallelDataset(CandidateText.SENTENCE_WITH_CONTEXT);
    assertEquals(3, parallel.size());
    Map<String, Long> masks = new HashMap<>();
    for (int i = 0; i < parallel.size(); i++) {
      masks.put(parallel.exampleId(i), parallel.languageMask(i));
    }
    assertEquals(Map.of("a", 0b011L, "b", 0b110L, "c", 0b011L), masks);
    int b = indexOf(parallel, "b");
    assertEquals("Cc dd. Aa bb. Cc dd. Ee.", parallel.positive(b, 2));
  }

  private static int indexOf(io.polyret.core.data.ParallelDataset data, String id) {
    for (int i = 0; i < data.size(); i++) {
      if (data.exampleId(i).equals(id)) {
        return i;
      }
    }
    return -1;
  }
}

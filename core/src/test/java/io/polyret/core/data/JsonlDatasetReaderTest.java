package io.polyret.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.core.data.lareqa.CandidateText;
import io.polyret.core.data.lareqa.LareqaReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlDatasetReaderTest {

  @TempDir Path tmp;

  private Path write(String... lines) throws IOException {
    Path file = tmp.resolve("qa-train.jsonl");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void readsExamplesAcrossLanguages() throws IOException {
    Path file =
        write(
            "{\"id\":\"1\",\"lang\":\"en\",\"query\":\"who\",\"positive\":\"him\",\"negatives\":[\"her\",\"\"]}",
            "",
            "{\"id\":\"1\",\"lang\":\"de\",\"query\":\"wer\",\"positive\":\"er\"}",
            "{\"id\":2,\"lang\":\"de\",\"query\":\"wo\",\"positive\":\"hier\",\"negatives\":[]}",
            "{\"id\":\"3\",\"lang\":\"de\",\"query\":\"  \",\"positive\":\"x\"}");
    InMemoryParallelDataset data = JsonlDatasetReader.read(file);
    assertEquals("qa-train", data.name());
    assertEquals(List.of("de", "en"), data.languages());
    assertEquals(2, data.size());
    assertEquals("1", data.exampleId(0));
    assertEquals(0b11, data.languageMask(0));
    assertEquals(0b01, data.languageMask(1));
    assertEquals("who", data.query(0, 1));
    assertEquals(List.of("her"), data.negatives(0, 1));
    assertEquals(List.of(), data.negatives(0, 0));
    assertEquals("hier", data.positive(1, 0));
    assertEquals(1L, data.summary().skippedPerReason().get("empty query (de)"));
    assertEquals(1L, data.summary().skippedPerReason().get("empty negative (en)"));
    assertEquals(3, data.summary().kept());
    assertThrows(IllegalArgumentException.class, () -> data.query(1, 1));
  }

  private void assertFails(String fragment, long line, String... lines) throws IOException {
    Path file = write(lines);
    DataFormatException e = assertThrows(DataFormatException.class, () -> JsonlDatasetReader.read(file));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith(file + ":" + line), e.getMessage());
  }

  @Test
  void badLinesNameFileLineAndField() throws IOException {
    String ok = "{\"id\":\"1\",\"lang\":\"en\",\"query\":\"q\",\"positive\":\"p\"}";
    assertFails("malformed JSON", 2, ok, "{\"id\":\"2\",\"lang\":\"en\" \"query\":\"q\"}");
    assertFails("field 'positive'", 2, ok, "{\"id\":\"2\",\"lang\":\"en\",\"query\":\"q\"}");
    assertFails("field 'id'", 1, "{\"lang\":\"en\",\"query\":\"q\",\"positive\":\"p\"}");
    assertFails("'English'", 1, "{\"id\":\"1\",\"lang\":\"English\",\"query\":\"q\",\"positive\":\"p\"}");
    assertFails("negatives[1]", 1,
        "{\"id\":\"1\",\"lang\":\"en\",\"query\":\"q\",\"positive\":\"p\",\"negatives\":[\"a\",3]}");
    assertFails("duplicate id '1' in language en (first at line 1)", 3, ok,
        "{\"id\":\"1\",\"lang\":\"de\",\"query\":\"q\",\"positive\":\"p\"}", ok);
    assertFails("expected a JSON object", 1, "[1,2]");
  }

  @Test
  void emptyOrMissingFile() throws IOException {
    Path file = write("");
    assertThrows(DataFormatException.class, () -> JsonlDatasetReader.read(file));
    assertThrows(IllegalArgumentException.class, () -> JsonlDatasetReader.read(tmp.resolve("none.jsonl")));
  }

  @Test
  void xquadRAsParallelTrainingData() {
    InMemoryParallelDataset data =
        LareqaReader.read(SharedData.folder("xquad-r"), List.of("en", "de", "zh"))
            .toParallelDataset(CandidateText.SENTENCE);
    assertEquals(1190, data.size());
    assertEquals(List.of("de", "en", "zh"), data.languages());
    for (int i = 0; i < data.size(); i++) {
      assertEquals(0b111, data.languageMask(i));
    }
    assertEquals("How many points did the Panthers defense surrender?", data.query(0, 1));
    assertTrue(data.positive(0, 1).contains("308"));
  }
}

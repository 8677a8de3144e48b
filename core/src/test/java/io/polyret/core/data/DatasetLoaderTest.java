package io.polyret.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.core.data.mmarco.MmarcoDataset;
import io.polyret.core.data.mmarco.MmarcoLayoutGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

  @TempDir Path tmp;

  @Test
  void recognisesJsonlAndMmarco() throws IOException {
    Path jsonl = tmp.resolve("d.jsonl");
    Files.writeString(jsonl, "{\"id\":\"1\",\"lang\":\"en\",\"query\":\"q\",\"positive\":\"p\"}\n");
    assertEquals(DatasetLoader.Layout.JSONL, DatasetLoader.detect(jsonl));
    try (ParallelDataset d = DatasetLoader.open(jsonl, null)) {
      assertEquals(1, d.size());
    }

    Path mmarco = tmp.resolve("mm");
    MmarcoLayoutGenerator.write(mmarco, List.of("english", "german"), 100, 10, 200, 1);
    assertEquals(DatasetLoader.Layout.MMARCO, DatasetLoader.detect(mmarco));
    try (ParallelDataset d = DatasetLoader.open(mmarco, List.of("german"))) {
      assertInstanceOf(MmarcoDataset.class, d);
      assertEquals(List.of("de"), d.languages());
    }
  }

  @Test
  void recognisesLareqaFolders() {
    Path xquad = SharedData.folder("xquad-r");
    assertEquals(DatasetLoader.Layout.LAREQA, DatasetLoader.detect(xquad));
    try (ParallelDataset d = DatasetLoader.open(xquad, List.of("en", "th"))) {
      assertEquals(1190, d.size());
      assertEquals(List.of("en", "th"), d.languages());
    }
  }

  @Test
  void unknownLayoutSaysWhatIsExpected() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetLoader.detect(empty));
    assertTrue(e.getMessage().contains(".jsonl"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DatasetLoader.detect(tmp.resolve("missing.jsonl")));
  }
}

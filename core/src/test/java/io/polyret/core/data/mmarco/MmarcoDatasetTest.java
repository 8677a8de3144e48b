package io.polyret.core.data.mmarco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.core.data.DataFormatException;
import io.polyret.core.sampling.Batch;
import io.polyret.core.sampling.HybridBatchSampler;
import io.polyret.core.sampling.SamplingConfig;
import io.polyret.core.sampling.Triplet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmarcoDatasetTest {

  private static final List<String> NAMES = List.of("english", "spanish", "zh");

  @TempDir Path tmp;

  private Path generate() {
    Path root = tmp.resolve("mmarco");
    MmarcoLayoutGenerator.write(root, NAMES, 500, 60, 2000, 5);
    return root;
  }

  private static String fileLanguage(String code) {
    return switch (code) {
      case "en" -> "english";
      case "es" -> "spanish";
      default -> code;
    };
  }

  @Test
  void readsTextsByPositionAndCachesTheIndex() throws IOException {
    Path root = generate();
    List<String> triples = Files.readAllLines(root.resolve(MmarcoDataset.TRIPLES));
    try (MmarcoDataset data = MmarcoDataset.open(root)) {
      assertEquals(List.of("en", "es", "zh"), data.languages());
      assertEquals(2000, data.size());
      assertEquals("mmarco", data.name());
      assertFalse(data.fromCache());
      for (int i = 0; i < data.size(); i += 37) {
        String[] ids = triples.get(i).split("\t");
        assertEquals(ids[0], data.exampleId(i));
        assertEquals(Long.parseLong(ids[0]), data.batchKey(i));
        assertEquals(0b111, data.languageMask(i));
        for (int l = 0; l < 3; l++) {
          String lang = fileLanguage(data.languages().get(l));
          assertEquals(MmarcoLayoutGenerator.queryText(lang, Integer.parseInt(ids[0])), data.query(i, l));
          assertEquals(MmarcoLayoutGenerator.passageText(lang, Integer.parseInt(ids[1])), data.positive(i, l));
          assertEquals(
              List.of(MmarcoLayoutGenerator.passageText(lang, Integer.parseInt(ids[2]))), data.negatives(i, l));
        }
      }
      assertEquals(Map.of("en", 2000L, "es", 2000L, "zh", 2000L), data.summary().keptPerLanguage());
    }
    assertTrue(Files.isRegularFile(root.resolve("collections/spanish_collection.tsv.polyret-index")));
    assertTrue(Files.isRegularFile(root.resolve(MmarcoDataset.TRIPLES + ".polyret-index")));
    try (MmarcoDataset again = MmarcoDataset.open(root, List.of("es", "english", "zh"), null)) {
      assertTrue(again.fromCache());
      assertEquals(MmarcoLayoutGenerator.passageText("spanish", again.positiveId(5)), again.positive(5, 1));
    }
  }

  @Test
  void indexIsRebuiltWhenTheFileChanges() throws IOException {
    Path root = generate();
    MmarcoDataset.open(root).close();
    Path collection = root.resolve("collections/zh_collection.tsv");
    FileTime before = Files.getLastModifiedTime(collection);
    // Same size, new content: pid 0's text replaced by one of equal length, order reversed.
    List<String> lines = new ArrayList<>(Files.readAllLines(collection));
    String zero = lines.get(0);
    String replaced = "0\t" + "x".repeat(zero.length() - 2);
    lines.set(0, replaced);
    java.util.Collections.reverse(lines);
    Files.write(collection, lines, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(collection, FileTime.fromMillis(before.toMillis() + 5000));
    TsvTextIndex index = TsvTextIndex.open(collection, "pid", null);
    try (index) {
      assertFalse(index.fromCache());
      assertEquals("x".repeat(zero.length() - 2), index.text(0));
      assertEquals(MmarcoLayoutGenerator.passageText("zh", 499), index.text(499));
    }
    try (TsvTextIndex cached = TsvTextIndex.open(collection, "pid", null)) {
      assertTrue(cached.fromCache());
      assertEquals(MmarcoLayoutGenerator.passageText("zh", 250), cached.text(250));
    }
    // Appending changes the size.
    Files.writeString(collection, "900\tappended passage\n", StandardOpenOption.APPEND);
    try (TsvTextIndex grown = TsvTextIndex.open(collection, "pid", null)) {
      assertFalse(grown.fromCache());
      assertEquals(501, grown.size());
      assertEquals("appended passage", grown.text(900));
      assertEquals(TsvTextIndex.ABSENT, grown.offset(901));
    }
  }

  @Test
  void triplesMayLieInTheParentFolderAsInMmarcosRelease() throws IOException {
    Path data = tmp.resolve("data");
    Path google = data.resolve("google");
    MmarcoLayoutGenerator.write(google, List.of("english", "german"), 100, 10, 300, 2);
    Files.move(google.resolve(MmarcoDataset.TRIPLES), data.resolve(MmarcoDataset.TRIPLES));
    try (MmarcoDataset d = MmarcoDataset.open(google)) {
      assertEquals(300, d.size());
      assertEquals("google", d.name());
    }
    try (MmarcoDataset d = MmarcoDataset.open(google, null, null, "mmarco")) {
      assertEquals("mmarco", d.name());
    }
    assertTrue(Files.isRegularFile(data.resolve(MmarcoDataset.TRIPLES + ".polyret-index")));
  }

  @Test
  void cacheFolderIsUsedWhenGiven() throws IOException {
    Path root = generate();
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    MmarcoDataset.open(root, null, cache).close();
    assertTrue(Files.isRegularFile(cache.resolve("english_queries.train.tsv.polyret-index")));
    assertFalse(Files.exists(root.resolve("collections/zh_collection.tsv.polyret-index")));
    try (MmarcoDataset data = MmarcoDataset.open(root, null, cache)) {
      assertTrue(data.fromCache());
    }
  }

  @Test
  void samplerOverMmarcoNeverRepeatsAQueryInABatch() throws IOException {
    try (MmarcoDataset data = MmarcoDataset.open(generate())) {
      HybridBatchSampler sampler =
          new HybridBatchSampler(List.of(data), SamplingConfig.builder().batchSize(20).seed(3).build());
      // 60 queries in 2000 triples: each query in about 33 of the 100 batches.
      assertEquals(100, sampler.batchesPerEpoch());
      int triplets = 0;
      for (int b = 0; b < 100; b++) {
        Batch batch = sampler.next();
        Set<String> qids = new HashSet<>();
        for (Triplet t : batch.triplets()) {
          assertTrue(qids.add(t.exampleId()), "query " + t.exampleId() + " twice in a batch");
          assertTrue(t.query().startsWith("query " + fileLanguage(t.queryLanguage()) + " " + t.exampleId() + ":"));
          assertTrue(t.positive().startsWith("passage " + fileLanguage(t.passageLanguage()) + " "));
        }
        triplets += batch.size();
      }
      assertEquals(2000, triplets);
    }
  }

  @Test
  void emptyTextsRemoveTheLanguageOfAnExample() throws IOException {
    Path root = generate();
    Path queries = root.resolve("queries/train/spanish_queries.train.tsv");
    List<String> lines = new ArrayList<>(Files.readAllLines(queries));
    lines.set(7, "7\t ");
    Files.write(queries, lines, StandardCharsets.UTF_8);
    try (MmarcoDataset data = MmarcoDataset.open(root)) {
      long withQuery7 = 0;
      for (int i = 0; i < data.size(); i++) {
        boolean q7 = data.exampleId(i).equals("7");
        assertEquals(q7 ? 0b101 : 0b111, data.languageMask(i));
        withQuery7 += q7 ? 1 : 0;
      }
      assertTrue(withQuery7 > 0);
      assertEquals(withQuery7, data.summary().skipped());
      assertEquals(2000 - withQuery7, data.summary().keptPerLanguage().get("es"));
    }
  }

  private DataFormatException assertMalformed(Path root, String fragment) {
    DataFormatException e = assertThrows(DataFormatException.class, () -> MmarcoDataset.open(root));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    return e;
  }

  private static void replaceLine(Path file, int index, String line) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(index, line);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  @Test
  void malformedFilesNameFileLineAndField() throws IOException {
    Path root = generate();
    Path collection = root.resolve("collections/zh_collection.tsv");
    replaceLine(collection, 41, "41 no tab here");
    DataFormatException e = assertMalformed(root, "no tab");
    assertEquals(collection, e.file());
    assertEquals(42, e.line());

    root = generate();
    replaceLine(root.resolve("collections/zh_collection.tsv"), 9, "p9\ttext");
    assertMalformed(root, "field 'pid' is not a non-negative integer: 'p9'");

    root = generate();
    replaceLine(root.resolve("collections/zh_collection.tsv"), 12, "3\tagain");
    e = assertMalformed(root, "duplicate pid 3 (also on line 4)");
    assertEquals(13, e.line());

    root = generate();
    Path triples = root.resolve(MmarcoDataset.TRIPLES);
    replaceLine(triples, 99, "1\t2");
    e = assertMalformed(root, "field 'neg_pid' missing");
    assertEquals(triples, e.file());
    assertEquals(100, e.line());

    root = generate();
    replaceLine(root.resolve(MmarcoDataset.TRIPLES), 5, "1\tx\t3");
    assertMalformed(root, "field 'pos_pid' is not a non-negative integer: 'x'");

    root = generate();
    replaceLine(root.resolve(MmarcoDataset.TRIPLES), 5, "1\t2\t3\t4");
    assertMalformed(root, "more than three fields");

    root = generate();
    replaceLine(root.resolve(MmarcoDataset.TRIPLES), 6, "1\t2\t7777");
    e = assertMalformed(root, "field 'neg_pid' 7777 is not in");
    assertEquals(7, e.line());
  }

  @Test
  void missingFilesAndUnknownLanguagesListWhatWasFound() throws IOException {
    Path root = generate();
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> MmarcoDataset.open(root, List.of("french"), null));
    assertTrue(unknown.getMessage().contains("'french'"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("[en, es, zh]"), unknown.getMessage());
    IllegalArgumentException notLanguage =
        assertThrows(IllegalArgumentException.class, () -> MmarcoDataset.open(root, List.of("Klingon!"), null));
    assertTrue(notLanguage.getMessage().contains("[en, es, zh]"), notLanguage.getMessage());

    Files.delete(root.resolve("queries/train/spanish_queries.train.tsv"));
    IllegalArgumentException noQueries =
        assertThrows(IllegalArgumentException.class, () -> MmarcoDataset.open(root));
    assertTrue(noQueries.getMessage().contains("'es'"), noQueries.getMessage());
    try (MmarcoDataset subset = MmarcoDataset.open(root, List.of("english", "zh"), null)) {
      assertEquals(List.of("en", "zh"), subset.languages());
    }

    Files.writeString(root.resolve("collections/klingon_collection.tsv"), "0\tx\n");
    IllegalArgumentException badName =
        assertThrows(IllegalArgumentException.class, () -> MmarcoDataset.open(root));
    assertTrue(badName.getMessage().contains("'klingon'"), badName.getMessage());

    assertThrows(IllegalArgumentException.class, () -> MmarcoDataset.open(tmp.resolve("nothing")));
  }
}

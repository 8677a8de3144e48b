package io.polyret.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

  @Test
  void keyDependsOnModelPrefixLengthAndEveryText() {
    String base = EmbeddingCache.key("m1", "Q: ", 64, List.of("a", "b"));
    assertNotEquals(base, EmbeddingCache.key("m2", "Q: ", 64, List.of("a", "b")));
    assertNotEquals(base, EmbeddingCache.key("m1", "P: ", 64, List.of("a", "b")));
    assertNotEquals(base, EmbeddingCache.key("m1", "Q: ", 32, List.of("a", "b")));
    assertNotEquals(base, EmbeddingCache.key("m1", "Q: ", 64, List.of("a", "c")));
    // Length-prefixed texts: moving a character between texts changes the key.
    assertNotEquals(base, EmbeddingCache.key("m1", "Q: ", 64, List.of("ab", "")));
    assertEquals(base, EmbeddingCache.key("m1", "Q: ", 64, List.of("a", "b")));
  }

  @Test
  void roundTripsAndReencodesACorruptEntry(@TempDir Path dir) throws IOException {
    EmbeddingCache cache = new EmbeddingCache(dir);
    RandomTextEncoder encoder = new RandomTextEncoder(6, 3);
    List<String> texts = List.of("one", "two", "three");
    float[] first = cache.encode(encoder, texts, "Q: ", 16, 2);
    assertArrayEquals(BatchedEncoding.encode(encoder, texts, "Q: ", 16, 2), first);
    Path entry;
    try (Stream<Path> s = Files.list(dir)) {
      entry = s.filter(p -> p.toString().endsWith(".emb")).findFirst().orElseThrow();
    }
    assertEquals(16 + 3 * 6 * 4, Files.size(entry));
    assertArrayEquals(first, cache.encode(encoder, texts, "Q: ", 16, 2));
    Files.write(entry, new byte[] {1, 2, 3});
    assertArrayEquals(first, cache.encode(encoder, texts, "Q: ", 16, 2));
    assertEquals(16 + 3 * 6 * 4, Files.size(entry));
  }
}

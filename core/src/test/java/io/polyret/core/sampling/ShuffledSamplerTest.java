package io.polyret.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShuffledSamplerTest {
  private static List<Triplet> data(int n) {
    List<Triplet> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Triplet("id" + i, "en", "de", "q" + i, "p" + i, List.of()));
    }
    return out;
  }

  private static List<String> ids(Batch b) {
    return b.triplets().stream().map(Triplet::exampleId).toList();
  }

  @Test
  void epochVisitsEveryFullBatchOnceAndIsDeterministic() {
    ShuffledSampler a = new ShuffledSampler("d", data(23), 5, 1);
    ShuffledSampler b = new ShuffledSampler("d", data(23), 5, 1);
    assertEquals(4, a.batchesPerEpoch());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      Batch x = a.next();
      assertEquals(ids(x), ids(b.next()));
      assertEquals(BatchKind.PLAIN, x.kind());
      assertEquals("d", x.dataset());
      seen.addAll(ids(x));
    }
    assertEquals(20, seen.size(), "no example twice within an epoch");
    assertEquals(new SamplerState(0, 4), a.state());
    Batch nextEpoch = a.next();
    assertEquals(new SamplerState(1, 1), a.state());
    assertEquals(5, nextEpoch.size());
  }

  @Test
  void restoreContinuesTheSameSequence() {
    ShuffledSampler a = new ShuffledSampler("d", data(20), 4, 9);
    for (int i = 0; i < 7; i++) {
      a.next();
    }
    SamplerState state = a.state();
    List<List<String>> expected = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      expected.add(ids(a.next()));
    }
    ShuffledSampler b = new ShuffledSampler("d", data(20), 4, 9);
    b.restore(state);
    for (int i = 0; i < 6; i++) {
      assertEquals(expected.get(i), ids(b.next()));
    }
  }

  @Test
  void seedAndEpochChangeTheOrder() {
    ShuffledSampler a = new ShuffledSampler("d", data(40), 40, 1);
    ShuffledSampler b = new ShuffledSampler("d", data(40), 40, 2);
    List<String> first = ids(a.next());
    assertNotEquals(first, ids(b.next()));
    assertNotEquals(first, ids(a.next()));
  }

  @Test
  void tooFewTripletsAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ShuffledSampler("tiny", data(3), 4, 1));
    assertEquals(true, e.getMessage().contains("'tiny'") && e.getMessage().contains("3"));
  }
}

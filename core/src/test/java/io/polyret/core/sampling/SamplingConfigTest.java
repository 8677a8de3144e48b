package io.polyret.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.core.sampling.SamplingConfig.Sampling;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplingConfigTest {

  @Test
  void defaultsAndAlphaPerSampling() {
    SamplingConfig hybrid = SamplingConfig.builder().build();
    assertEquals(Sampling.HYBRID, hybrid.sampling());
    assertEquals(0.5, hybrid.alpha());
    assertEquals(100, hybrid.batchSize());
    assertEquals(1.0, SamplingConfig.builder().sampling("x-x").build().alpha());
    assertEquals(0.0, SamplingConfig.builder().sampling("X-Y").build().alpha());
    assertEquals(0.3, SamplingConfig.builder().sampling("hybrid").alpha(0.3).build().alpha());
    assertTrue(SamplingConfig.builder().sampling("x-x-mono").build().monolingualOnly());
    assertTrue(SamplingConfig.builder().sampling("xx-mono").build().monolingualOnly());
  }

  private static void assertRejected(String quoted, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().contains(quoted), "'" + quoted + "' not in: " + e.getMessage());
  }

  @Test
  void badValuesAreRejectedWithTheValue() {
    assertRejected("1.5", () -> SamplingConfig.builder().alpha(1.5).build());
    assertRejected("-0.1", () -> SamplingConfig.builder().alpha(-0.1).build());
    assertRejected("NaN", () -> SamplingConfig.builder().alpha(Double.NaN).build());
    assertRejected("x-x", () -> SamplingConfig.builder().sampling("x-x").alpha(0.5).build());
    assertRejected("x-y", () -> SamplingConfig.builder().sampling("x-y").alpha(0.0).build());
    assertRejected("'mixed'", () -> SamplingConfig.builder().sampling("mixed"));
    assertRejected("0", () -> SamplingConfig.builder().batchSize(0).build());
    assertRejected("'EN'", () -> SamplingConfig.builder().languages(List.of("EN")).build());
    assertRejected("twice", () -> SamplingConfig.builder().languages(List.of("en", "en")).build());
    assertRejected("-1.0", () -> SamplingConfig.builder().datasetWeight("a", -1).build());
    assertRejected("alpha 0.5 contradicts sampling x-x",
        () -> new SamplingConfig(Sampling.X_X, 0.5, 10, 1, List.of(), Map.of()));
  }
}

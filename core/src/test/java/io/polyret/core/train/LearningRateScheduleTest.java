package io.polyret.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void linearWarmsUpThenDecays() {
    LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.LINEAR, 1.0, 10, 4);
    double[] expected = {0.25, 0.5, 0.75, 1.0, 1.0, 5 / 6.0, 4 / 6.0, 3 / 6.0, 2 / 6.0, 1 / 6.0};
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t], s.rate(t), 1e-12, "step index " + t);
    }
    assertEquals(0, s.rate(10));
    for (int t = 4; t < 9; t++) {
      assertTrue(s.rate(t + 1) < s.rate(t));
    }
  }

  @Test
  void linearWithoutWarmupStartsAtPeak() {
    LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.LINEAR, 2.0, 4, 0);
    assertEquals(2.0, s.rate(0), 1e-12);
    assertEquals(0.5, s.rate(3), 1e-12);
  }

  @Test
  void constantIsConstant() {
    LearningRateSchedule s = new LearningRateSchedule(ScheduleKind.CONSTANT, 3e-5, 100, 10);
    assertEquals(3e-5, s.rate(0));
    assertEquals(3e-5, s.rate(99));
  }

  @Test
  void invalidArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(ScheduleKind.LINEAR, 0, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(ScheduleKind.LINEAR, 1, 10, 11));
    assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(ScheduleKind.LINEAR, 1, 0, 0));
  }
}

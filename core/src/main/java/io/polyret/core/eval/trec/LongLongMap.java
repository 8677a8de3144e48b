package io.polyret.core.eval.trec;

/** Open-addressing map of long keys to non-negative long values: 16 bytes per slot, no boxing. */
final class LongLongMap {
  private long[] keys = new long[1 << 10];
  private long[] values = new long[1 << 10];
  private boolean[] used = new boolean[1 << 10];
  private int size;

  /** Stores {@code value} unless {@code key} is present; returns the present value or -1. */
  long putIfAbsent(long key, long value) {
    if (size * 2 >= keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (used[i]) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = key;
    values[i] = value;
    size++;
    return -1;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    boolean[] oldUsed = used;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    used = new boolean[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldUsed[i]) {
        putIfAbsent(oldKeys[i], oldValues[i]);
      }
    }
  }
}

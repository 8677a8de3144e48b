package io.polyret.core.sampling;

import io.polyret.core.data.ParallelDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The paper's batch sampler (method.md, section 3) over one or more {@link ParallelDataset}s:
 * X-X-mono (alpha = 1), X-Y (alpha = 0) and Hybrid (0 &lt; alpha &lt; 1) in one class.
 *
 * <h2>Epoch construction</h2>
 *
 * A dataset's <em>own epoch</em> {@code k} visits each of its sampled examples exactly once as a
 * query, in {@code T = sum over groups of ceil(n_g / batchSize)} batches, built as follows:
 *
 * <ol>
 *   <li>The examples are grouped by their set of (selected) languages. In fully parallel data
 *       (mMARCO, translated QA sets) there is one group: every example exists in every language.
 *   <li>Each group is shuffled (seeded by seed, dataset, k) and cut into {@code
 *       ceil(n_g / batchSize)} consecutive batches of balanced sizes (they differ by at most one,
 *       none exceeds {@code batchSize}; fully parallel data of n examples thus gives batches of
 *       exactly {@code batchSize} when it divides n, and no lone last triplet without in-batch
 *       negatives unless a group has a single example). Where two examples with the
 *       same {@link ParallelDataset#batchKey batch key} (same id or query) fall into one batch,
 *       one of them is swapped with a later (else an earlier) example of the group, so no id ever
 *       appears twice in a batch.
 *   <li>The order of all batches is shuffled (seeded).
 *   <li>Each batch {@code b} draws, from its own seeded stream: monolingual with probability
 *       alpha, else cross-lingual. A monolingual batch draws ONE language L uniformly from its
 *       group's languages; every example of the batch exists in L because a batch never mixes
 *       groups. A cross-lingual batch draws per triplet the query language Lq uniformly from the
 *       group's languages and the passage language Lp uniformly from the others; positive and
 *       negatives are in Lp.
 * </ol>
 *
 * So "one language per monolingual batch" and "every example once per epoch" hold together by
 * construction, and for fully parallel data L is uniform over the dataset's languages, as the
 * paper says. For partially parallel data (MLQA-like, ids in 2 to 4 languages) L is uniform within
 * each group, so a language weighs with the number of examples that exist in it. Examples in a
 * single selected language can only form monolingual batches: they are left out of pure X-Y
 * sampling and always monolingual in hybrid sampling (both counted in {@link #summaries()}).
 *
 * <h2>Several datasets</h2>
 *
 * A sampler epoch holds {@code n_d} batches of each dataset d, in a seeded random order: each
 * batch comes from one dataset, chosen in proportion to its number of batches, i.e. to its size
 * (the paper's rule). By default {@code n_d = T_d}, so a sampler epoch is exactly one own epoch of
 * every dataset. With explicit weights, {@code n_d = max(1, round(sum T * w_d / sum w))} and each
 * dataset runs through its own epochs at its own pace (still each example once before repeats).
 *
 * <h2>Determinism</h2>
 *
 * Every random choice is a function of (seed, dataset, own epoch, batch) only, so the batch
 * sequence is a pure function of the seed and the position, and {@link #restore} resumes exactly.
 * Not thread-safe.
 */
public final class HybridBatchSampler implements BatchSampler {

  private static final long PURPOSE_ORDER = 1;
  private static final long PURPOSE_BATCH_ORDER = 2;
  private static final long PURPOSE_BATCH = 3;
  private static final long PURPOSE_DATASETS = 4;

  private final SamplingConfig config;
  private final List<DatasetPlan> plans = new ArrayList<>();
  private final long[] perEpoch;
  private final long batchesPerEpoch;

  private long epoch;
  private long batchInEpoch;
  /** Dataset of each batch of the current sampler epoch; null with a single dataset. */
  private int[] labels;
  private long[] drawnInEpoch;

  /**
   * @param datasets the datasets (distinct names)
   * @param config the sampling
   * @throws IllegalArgumentException when the config does not fit the data: unknown language
   *     (the message lists those found), no language left, a dataset with fewer examples than a
   *     batch, a cross-lingual sampling over one language, weights naming unknown datasets
   */
  public HybridBatchSampler(List<? extends ParallelDataset> datasets, SamplingConfig config) {
    this.config = config;
    if (datasets == null || datasets.isEmpty()) {
      throw new IllegalArgumentException("no dataset to sample from");
    }
    checkLanguages(datasets, config);
    HashSet<String> names = new HashSet<>();
    for (ParallelDataset d : datasets) {
      if (!names.add(d.name())) {
        throw new IllegalArgumentException("two datasets named '" + d.name() + "'");
      }
    }
    for (int d = 0; d < datasets.size(); d++) {
      DatasetPlan plan = new DatasetPlan(d, datasets.get(d), config);
      plan.layOut(0); // fails now, not mid-training, when batches cannot avoid repeated ids
      plans.add(plan);
    }
    perEpoch = batchesPerDataset(config);
    batchesPerEpoch = Arrays.stream(perEpoch).sum();
    startEpoch(0);
  }

  private static void checkLanguages(List<? extends ParallelDataset> datasets, SamplingConfig config) {
    TreeSet<String> found = new TreeSet<>();
    datasets.forEach(d -> found.addAll(d.languages()));
    for (String lang : config.languages()) {
      if (!found.contains(lang)) {
        throw new IllegalArgumentException(
            "unknown language '" + lang + "'; languages found in the data: " + found);
      }
    }
    Map<String, Double> weights = config.datasetWeights();
    if (!weights.isEmpty()) {
      TreeSet<String> names = new TreeSet<>();
      datasets.forEach(d -> names.add(d.name()));
      for (String name : weights.keySet()) {
        if (!names.contains(name)) {
          throw new IllegalArgumentException(
              "weight given for unknown dataset '" + name + "'; datasets: " + names);
        }
      }
      for (String name : names) {
        if (!weights.containsKey(name)) {
          throw new IllegalArgumentException(
              "no weight for dataset '" + name + "' (weights are given for " + weights.keySet()
                  + "; give all or none)");
        }
      }
    }
  }

  private long[] batchesPerDataset(SamplingConfig config) {
    long[] n = new long[plans.size()];
    if (config.datasetWeights().isEmpty()) {
      for (int d = 0; d < n.length; d++) {
        n[d] = plans.get(d).batchesPerOwnEpoch;
      }
      return n;
    }
    long total = plans.stream().mapToLong(p -> p.batchesPerOwnEpoch).sum();
    double weightSum = plans.stream().mapToDouble(p -> config.datasetWeights().get(p.dataset.name())).sum();
    for (int d = 0; d < n.length; d++) {
      double w = config.datasetWeights().get(plans.get(d).dataset.name());
      n[d] = Math.max(1, Math.round(total * w / weightSum));
    }
    return n;
  }

  /** The config. */
  public SamplingConfig config() {
    return config;
  }

  /** Per dataset, what is sampled and what is left out. */
  public List<DatasetSamplingSummary> summaries() {
    List<DatasetSamplingSummary> result = new ArrayList<>();
    for (int d = 0; d < plans.size(); d++) {
      result.add(plans.get(d).summary(perEpoch[d]));
    }
    return result;
  }

  @Override
  public long batchesPerEpoch() {
    return batchesPerEpoch;
  }

  @Override
  public Batch next() {
    if (batchInEpoch == batchesPerEpoch) {
      startEpoch(epoch + 1);
    }
    int d = labels == null ? 0 : labels[(int) batchInEpoch];
    long streamPosition = epoch * perEpoch[d] + drawnInEpoch[d];
    drawnInEpoch[d]++;
    batchInEpoch++;
    return plans.get(d).batch(streamPosition);
  }

  /** The position; at the end of an epoch it reads as the start of the next one. */
  @Override
  public SamplerState state() {
    return batchInEpoch == batchesPerEpoch
        ? new SamplerState(epoch + 1, 0)
        : new SamplerState(epoch, batchInEpoch);
  }

  @Override
  public void restore(SamplerState state) {
    if (state.batchInEpoch() > batchesPerEpoch) {
      throw new IllegalArgumentException(
          "sampler state " + state + " is past the end of an epoch of " + batchesPerEpoch + " batches");
    }
    startEpoch(state.epoch());
    for (long b = 0; b < state.batchInEpoch(); b++) {
      drawnInEpoch[labels == null ? 0 : labels[(int) b]]++;
    }
    batchInEpoch = state.batchInEpoch();
  }

  private void startEpoch(long newEpoch) {
    epoch = newEpoch;
    batchInEpoch = 0;
    drawnInEpoch = new long[plans.size()];
    if (plans.size() == 1) {
      labels = null;
      return;
    }
    if (batchesPerEpoch > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many batches per epoch: " + batchesPerEpoch);
    }
    labels = new int[(int) batchesPerEpoch];
    int at = 0;
    for (int d = 0; d < plans.size(); d++) {
      for (long i = 0; i < perEpoch[d]; i++) {
        labels[at++] = d;
      }
    }
    shuffle(labels, 0, labels.length, random(config.seed(), PURPOSE_DATASETS, -1, newEpoch, 0));
  }

  /** A random stream that depends only on its inputs. */
  static SplittableRandom random(long seed, long purpose, long dataset, long epoch, long index) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ purpose);
    h = mix(h ^ dataset);
    h = mix(h ^ epoch);
    h = mix(h ^ index);
    return new SplittableRandom(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static void shuffle(int[] a, int from, int to, SplittableRandom random) {
    for (int i = to - 1; i > from; i--) {
      int j = from + random.nextInt(i - from + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** One dataset: its groups, canonical batches and the layout of its current own epoch. */
  private static final class DatasetPlan {
    private final int index;
    private final ParallelDataset dataset;
    private final SamplingConfig config;
    private final List<String> languages;
    private final long examples;
    private long leftOutNoLanguage;
    private long leftOutSingle;
    private long singleMonoOnly;

    /**
     * Sampled examples, grouped by language set (canonical order before shuffling); null when
     * that is every example in index order.
     */
    private final int[] grouped;
    private final int sampled;
    /** Language indices of each group. */
    private final int[][] groupLanguages;
    /** Canonical batch c covers grouped[batchStart[c] .. batchStart[c+1]). */
    private final int[] batchStart;
    private final int[] batchGroup;
    private final long batchesPerOwnEpoch;

    private long layoutEpoch = -1;
    private int[] order;
    private int[] batchOrder;

    DatasetPlan(int index, ParallelDataset dataset, SamplingConfig config) {
      this.index = index;
      this.dataset = dataset;
      this.config = config;
      this.examples = dataset.size();
      long selected = 0;
      List<String> used = new ArrayList<>();
      for (int l = 0; l < dataset.languages().size(); l++) {
        String code = dataset.languages().get(l);
        if (config.languages().isEmpty() || config.languages().contains(code)) {
          selected |= 1L << l;
          used.add(code);
        }
      }
      this.languages = List.copyOf(used);
      if (selected == 0) {
        throw new IllegalArgumentException(
            "no language left in dataset " + dataset.name() + " after selecting "
                + config.languages() + "; its languages: " + dataset.languages());
      }
      if (used.size() < 2 && config.alpha() < 1) {
        throw new IllegalArgumentException(
            "cross-lingual batches (alpha " + config.alpha() + ") need two languages; dataset "
                + dataset.name() + " has " + used);
      }
      // Group examples by language set. Pass 1 counts; fully parallel data (one group, the
      // common case) needs no per-example masks.
      int n = dataset.size();
      int sampled = 0;
      long firstMask = 0;
      boolean oneGroup = true;
      for (int i = 0; i < n; i++) {
        long mask = eligibleMask(dataset.languageMask(i) & selected, true);
        if (mask != 0) {
          if (sampled == 0) {
            firstMask = mask;
          } else if (mask != firstMask) {
            oneGroup = false;
          }
          sampled++;
        }
      }
      Map<Long, int[]> counts = new HashMap<>();
      long[] masks = null;
      if (oneGroup) {
        counts.put(firstMask, new int[] {sampled});
      } else {
        masks = new long[n];
        for (int i = 0; i < n; i++) {
          masks[i] = eligibleMask(dataset.languageMask(i) & selected, false);
          if (masks[i] != 0) {
            counts.computeIfAbsent(masks[i], k -> new int[1])[0]++;
          }
        }
      }
      if (sampled < config.batchSize()) {
        throw new IllegalArgumentException(
            "batch size " + config.batchSize() + " is larger than the " + sampled
                + " examples of dataset " + dataset.name() + " that can be sampled");
      }
      List<Long> groupMasks = new ArrayList<>(new TreeSet<>(counts.keySet()));
      int groups = groupMasks.size();
      groupLanguages = new int[groups][];
      int[] groupOffset = new int[groups + 1];
      long batches = 0;
      for (int g = 0; g < groups; g++) {
        long mask = groupMasks.get(g);
        int size = counts.get(mask)[0];
        groupOffset[g + 1] = groupOffset[g] + size;
        batches += (size + config.batchSize() - 1) / config.batchSize();
        groupLanguages[g] = new int[Long.bitCount(mask)];
        int at = 0;
        for (int l = 0; l < 64; l++) {
          if ((mask & (1L << l)) != 0) {
            groupLanguages[g][at++] = l;
          }
        }
      }
      if (batches > Integer.MAX_VALUE - 1) {
        throw new IllegalArgumentException("too many batches for dataset " + dataset.name());
      }
      batchesPerOwnEpoch = batches;
      this.sampled = sampled;
      if (masks == null && sampled == n) {
        grouped = null; // identity: every example, in one group (saves 4 bytes per example)
      } else if (masks == null) {
        grouped = new int[sampled];
        int at = 0;
        for (int i = 0; i < n && sampled > 0; i++) {
          if (eligibleMask(dataset.languageMask(i) & selected, false) == firstMask) {
            grouped[at++] = i;
          }
        }
      } else {
        grouped = new int[sampled];
        Map<Long, Integer> groupOf = new LinkedHashMap<>();
        for (int g = 0; g < groups; g++) {
          groupOf.put(groupMasks.get(g), g);
        }
        int[] fill = Arrays.copyOf(groupOffset, groups);
        for (int i = 0; i < n; i++) {
          if (masks[i] != 0) {
            grouped[fill[groupOf.get(masks[i])]++] = i;
          }
        }
      }
      batchStart = new int[(int) batches + 1];
      batchGroup = new int[(int) batches];
      int c = 0;
      for (int g = 0; g < groups; g++) {
        // k batches of balanced sizes (floor or ceil of n / k, at most batchSize) rather than
        // full batches and a remainder: no lone triplet without in-batch negatives.
        long size = groupOffset[g + 1] - groupOffset[g];
        long k = (size + config.batchSize() - 1) / config.batchSize();
        for (long j = 0; j < k; j++) {
          batchStart[c] = groupOffset[g] + (int) (j * size / k);
          batchGroup[c] = g;
          c++;
        }
      }
      batchStart[c] = sampled;
    }

    /** The mask an example is sampled with, 0 when it is left out; counts the reasons once. */
    private long eligibleMask(long mask, boolean count) {
      if (mask == 0) {
        if (count) {
          leftOutNoLanguage++;
        }
        return 0;
      }
      if (Long.bitCount(mask) == 1) {
        if (config.alpha() == 0) {
          if (count) {
            leftOutSingle++;
          }
          return 0;
        }
        if (count) {
          singleMonoOnly++;
        }
      }
      return mask;
    }

    DatasetSamplingSummary summary(long perSamplerEpoch) {
      return new DatasetSamplingSummary(
          dataset.name(), languages, examples, sampled, leftOutNoLanguage, leftOutSingle,
          singleMonoOnly, batchesPerOwnEpoch, perSamplerEpoch);
    }

    /** The batch at a position of this dataset's endless sequence of own epochs. */
    Batch batch(long position) {
      long ownEpoch = position / batchesPerOwnEpoch;
      int b = (int) (position % batchesPerOwnEpoch);
      if (ownEpoch != layoutEpoch) {
        layOut(ownEpoch);
      }
      int c = batchOrder[b];
      int[] langs = groupLanguages[batchGroup[c]];
      SplittableRandom random = random(config.seed(), PURPOSE_BATCH, index, ownEpoch, b);
      boolean mono = langs.length == 1 || random.nextDouble() < config.alpha();
      List<Triplet> triplets = new ArrayList<>(batchStart[c + 1] - batchStart[c]);
      int monoLanguage = mono ? langs[random.nextInt(langs.length)] : -1;
      for (int i = batchStart[c]; i < batchStart[c + 1]; i++) {
        int example = order[i];
        int lq;
        int lp;
        if (mono) {
          lq = monoLanguage;
          lp = monoLanguage;
        } else {
          int q = random.nextInt(langs.length);
          int p = random.nextInt(langs.length - 1);
          lq = langs[q];
          lp = langs[p >= q ? p + 1 : p];
        }
        triplets.add(
            new Triplet(
                dataset.exampleId(example),
                dataset.languages().get(lq),
                dataset.languages().get(lp),
                dataset.query(example, lq),
                dataset.positive(example, lp),
                dataset.negatives(example, lp)));
      }
      return new Batch(mono ? BatchKind.MONOLINGUAL : BatchKind.CROSS_LINGUAL, dataset.name(), triplets);
    }

    private void layOut(long ownEpoch) {
      if (order == null) {
        order = new int[sampled];
        batchOrder = new int[(int) batchesPerOwnEpoch];
      }
      if (grouped == null) {
        for (int i = 0; i < sampled; i++) {
          order[i] = i;
        }
      } else {
        System.arraycopy(grouped, 0, order, 0, sampled);
      }
      SplittableRandom random = random(config.seed(), PURPOSE_ORDER, index, ownEpoch, 0);
      int c = 0;
      while (c < batchesPerOwnEpoch) {
        int g = batchGroup[c];
        int firstBatch = c;
        int from = batchStart[c];
        while (c < batchesPerOwnEpoch && batchGroup[c] == g) {
          c++;
        }
        int to = batchStart[c];
        shuffle(order, from, to, random);
        separateDuplicates(firstBatch, c);
      }
      for (int b = 0; b < batchOrder.length; b++) {
        batchOrder[b] = b;
      }
      shuffle(batchOrder, 0, batchOrder.length,
          random(config.seed(), PURPOSE_BATCH_ORDER, index, ownEpoch, 0));
      layoutEpoch = ownEpoch;
    }

    /**
     * Makes the canonical batches {@code [firstBatch, endBatch)} of one group free of repeated
     * batch keys, by swapping a repeated example with one of a later (else an earlier) batch.
     */
    private void separateDuplicates(int firstBatch, int endBatch) {
      int size = config.batchSize();
      LongSet keys = new LongSet(size);
      LongSet other = new LongSet(size);
      int to = batchStart[endBatch];
      for (int c = firstBatch; c < endBatch; c++) {
        int start = batchStart[c];
        int end = batchStart[c + 1];
        keys.clear();
        for (int i = start; i < end; i++) {
          if (keys.add(dataset.batchKey(order[i]))) {
            continue;
          }
          long repeated = dataset.batchKey(order[i]);
          int partner = -1;
          for (int j = end; j < to && partner < 0; j++) {
            if (!keys.contains(dataset.batchKey(order[j]))) {
              partner = j;
            }
          }
          for (int e = firstBatch; e < c && partner < 0; e++) {
            other.clear();
            for (int j = batchStart[e]; j < batchStart[e + 1]; j++) {
              other.add(dataset.batchKey(order[j]));
            }
            if (other.contains(repeated)) {
              continue;
            }
            for (int j = batchStart[e]; j < batchStart[e + 1] && partner < 0; j++) {
              if (!keys.contains(dataset.batchKey(order[j]))) {
                partner = j;
              }
            }
          }
          if (partner < 0) {
            throw new IllegalArgumentException(
                "dataset " + dataset.name() + ": cannot form batches of " + size
                    + " without repeating id '" + dataset.exampleId(order[i])
                    + "' (too many examples share it); use a smaller batch size");
          }
          int t = order[i];
          order[i] = order[partner];
          order[partner] = t;
          keys.add(dataset.batchKey(order[i]));
        }
      }
    }
  }

  /** A small open-addressing set of longs, cleared between batches. */
  private static final class LongSet {
    private final long[] slots;
    private final boolean[] used;
    private final int[] filled;
    private int count;

    LongSet(int expected) {
      int capacity = Integer.highestOneBit(Math.max(4, expected * 2)) * 2;
      slots = new long[capacity];
      used = new boolean[capacity];
      filled = new int[capacity];
    }

    boolean add(long key) {
      int i = find(key);
      if (used[i]) {
        return false;
      }
      used[i] = true;
      slots[i] = key;
      filled[count++] = i;
      return true;
    }

    boolean contains(long key) {
      return used[find(key)];
    }

    private int find(long key) {
      int mask = slots.length - 1;
      int i = (int) mix(key) & mask;
      while (used[i] && slots[i] != key) {
        i = (i + 1) & mask;
      }
      return i;
    }

    void clear() {
      for (int k = 0; k < count; k++) {
        used[filled[k]] = false;
      }
      count = 0;
    }
  }
}

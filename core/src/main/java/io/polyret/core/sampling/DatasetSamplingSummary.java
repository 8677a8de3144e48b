package io.polyret.core.sampling;

import java.util.List;

/**
 * How a dataset enters a {@link HybridBatchSampler}: what is sampled and what is left out.
 *
 * @param dataset dataset name
 * @param languages languages used (after the config's subset)
 * @param examples examples in the dataset
 * @param sampled examples visited once per own epoch
 * @param leftOutNoSelectedLanguage examples in none of the selected languages
 * @param leftOutSingleLanguage examples in one selected language only, left out because every
 *     batch is cross-lingual (alpha = 0)
 * @param singleLanguageMonolingualOnly examples in one selected language only, which can only be
 *     visited in monolingual batches (0 < alpha)
 * @param batchesPerOwnEpoch batches that visit each sampled example once
 * @param batchesPerSamplerEpoch batches drawn from this dataset per sampler epoch
 */
public record DatasetSamplingSummary(
    String dataset,
    List<String> languages,
    long examples,
    long sampled,
    long leftOutNoSelectedLanguage,
    long leftOutSingleLanguage,
    long singleLanguageMonolingualOnly,
    long batchesPerOwnEpoch,
    long batchesPerSamplerEpoch) {

  public DatasetSamplingSummary {
    languages = List.copyOf(languages);
  }
}

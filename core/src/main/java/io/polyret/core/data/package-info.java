/**
 * Training and evaluation data: the parallel dataset model ({@link
 * io.polyret.core.data.ParallelDataset}), loaders that stream and validate their files ({@link
 * io.polyret.core.data.JsonlDatasetReader}, {@link io.polyret.core.data.DatasetLoader}, and the
 * subpackages {@code lareqa} and {@code mmarco}), and their common error and summary types.
 * Formats are documented in {@code src/site/markdown/data-formats.md}.
 */
package io.polyret.core.data;

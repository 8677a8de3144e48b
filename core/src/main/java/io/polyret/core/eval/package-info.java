/**
 * The evaluation engine of dense retrievers: the {@link io.polyret.core.eval.TextEncoder} seam
 * between the engine and models, batched length-sorted encoding
 * ({@link io.polyret.core.eval.BatchedEncoding}) and the on-disk
 * {@link io.polyret.core.eval.EmbeddingCache}. The front-end that reads a benchmark, loads a model
 * and writes results is {@link io.polyret.core.pipeline.EvaluationJob}; exported models load as
 * {@link io.polyret.core.pipeline.PolyretModel}.
 *
 * <p>Subpackages: {@code metrics} (trec_eval definitions), {@code search} (score kernels, ranking
 * keys, top-k), {@code lareqa} (XQuAD-R / MLQA-R protocol and language bias), {@code trec} (MIRACL
 * and any TREC topics + qrels + JSON-lines corpus, streamed).
 */
package io.polyret.core.eval;

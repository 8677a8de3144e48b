/**
 * Evaluation of dense retrievers: the {@link io.polyret.core.eval.Evaluation} facade (config,
 * benchmark folder and model in; reports-model JSON and TREC run files out), the
 * {@link io.polyret.core.eval.TextEncoder} seam between the engine and models (with
 * {@link io.polyret.core.eval.SavedModelTextEncoder} for exported TensorFlow encoders), batched
 * length-sorted encoding and the embedding cache.
 *
 * <p>Subpackages: {@code metrics} (trec_eval definitions), {@code search} (score kernels, ranking
 * keys, top-k), {@code lareqa} (XQuAD-R / MLQA-R protocol and language bias), {@code trec} (MIRACL
 * and any TREC topics + qrels + JSON-lines corpus, streamed).
 */
package io.polyret.core.eval;

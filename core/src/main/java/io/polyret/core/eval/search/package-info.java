/**
 * Exact search: score kernels (TensorFlow MatMul or pure Java) over fixed candidates, trec_eval's
 * ranking order packed in {@code long} keys (score descending, docid descending), top-k selection.
 */
package io.polyret.core.eval.search;

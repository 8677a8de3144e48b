/**
 * MIRACL and generic TREC collections: topics, qrels and JSON-lines corpora (plain or gzip),
 * streamed through the encoder with a running top-k per query; TREC run and qrels files.
 */
package io.polyret.core.eval.trec;

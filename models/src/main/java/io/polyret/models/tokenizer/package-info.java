/**
 * Tokenizers that turn texts into encoder ids: {@link
 * io.polyret.models.tokenizer.SentencePieceTokenizer} (XLM-R, SentencePiece through JNI, fairseq
 * or plain ids), {@link io.polyret.models.tokenizer.WordPieceTokenizer} (BERT / LaBSE, pure Java,
 * Hugging Face-compatible) and {@link io.polyret.models.tokenizer.TokenizerFactory}, which picks
 * one from a Hugging Face model directory.
 */
package io.polyret.models.tokenizer;

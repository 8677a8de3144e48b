/**
 * The LAReQA protocol (XQuAD-R, MLQA-R): monolingual, cross-lingual (every ordered pair) and
 * multilingual settings plus rank distance, from one score matrix computed in row blocks.
 */
package io.polyret.core.eval.lareqa;

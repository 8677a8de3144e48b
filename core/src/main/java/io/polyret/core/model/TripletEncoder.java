package io.polyret.core.model;

import io.polyret.core.sampling.Triplet;
import io.polyret.models.tokenizer.EncodedBatch;
import io.polyret.models.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns triplets into token ids: prefixes the texts ({@code "Query: "}, {@code "Passage: "} by
 * default), tokenizes with truncation to the query and passage maximum lengths and pads each side to
 * its longest row, or, with a width multiple m > 1, to the longest row rounded up to a multiple of m
 * (at most the side's maximum length): XLA compiles one program per input shape, and rounding keeps
 * the number of shapes small.
 */
public final class TripletEncoder {
  private final Tokenizer tokenizer;
  private final String queryPrefix;
  private final String passagePrefix;
  private final int queryMaxLength;
  private final int passageMaxLength;
  private final int widthMultiple;

  /** An encoder that pads each side to its longest row. */
  public TripletEncoder(
      Tokenizer tokenizer, String queryPrefix, String passagePrefix, int queryMaxLength, int passageMaxLength) {
    this(tokenizer, queryPrefix, passagePrefix, queryMaxLength, passageMaxLength, 1);
  }

  /**
   * An encoder that pads each side to its longest row rounded up to a multiple of
   * {@code widthMultiple}, capped at the side's maximum length.
   *
   * @throws IllegalArgumentException if a maximum length or the multiple is below 1
   */
  public TripletEncoder(
      Tokenizer tokenizer, String queryPrefix, String passagePrefix, int queryMaxLength, int passageMaxLength,
      int widthMultiple) {
    if (queryMaxLength < 1 || passageMaxLength < 1) {
      throw new IllegalArgumentException("maximum lengths must be >= 1, got query " + queryMaxLength
          + " and passage " + passageMaxLength);
    }
    if (widthMultiple < 1) {
      throw new IllegalArgumentException("widthMultiple must be >= 1, got " + widthMultiple);
    }
    this.widthMultiple = widthMultiple;
    this.tokenizer = tokenizer;
    this.queryPrefix = queryPrefix;
    this.passagePrefix = passagePrefix;
    this.queryMaxLength = queryMaxLength;
    this.passageMaxLength = passageMaxLength;
  }

  /** Encodes queries and passages: positives in triplet order, then every negative in triplet order. */
  public EncodedTriplets encode(List<Triplet> triplets) {
    List<String> queries = new ArrayList<>(triplets.size());
    List<String> passages = new ArrayList<>(triplets.size());
    for (Triplet t : triplets) {
      queries.add(queryPrefix + t.query());
      passages.add(passagePrefix + t.positive());
    }
    for (Triplet t : triplets) {
      for (String negative : t.negatives()) {
        passages.add(passagePrefix + negative);
      }
    }
    return new EncodedTriplets(side(queries, queryMaxLength), side(passages, passageMaxLength));
  }

  private EncodedBatch side(List<String> texts, int maxLength) {
    int[][] rows = new int[texts.size()][];
    int longest = 1;
    for (int i = 0; i < rows.length; i++) {
      rows[i] = tokenizer.encode(texts.get(i), maxLength);
      longest = Math.max(longest, rows[i].length);
    }
    int rounded = (int) Math.min(maxLength, ((long) longest + widthMultiple - 1) / widthMultiple * widthMultiple);
    return EncodedBatch.pad(rows, tokenizer.padId(), Math.max(longest, rounded));
  }
}

package io.polyret.core.model;

import io.polyret.core.sampling.Triplet;
import io.polyret.models.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns triplets into token ids: prefixes the texts ({@code "Query: "}, {@code "Passage: "} by
 * default), tokenizes with truncation to the query and passage maximum lengths and pads each side to
 * its longest row.
 */
public final class TripletEncoder {
  private final Tokenizer tokenizer;
  private final String queryPrefix;
  private final String passagePrefix;
  private final int queryMaxLength;
  private final int passageMaxLength;

  public TripletEncoder(
      Tokenizer tokenizer, String queryPrefix, String passagePrefix, int queryMaxLength, int passageMaxLength) {
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
    return new EncodedTriplets(
        tokenizer.encodeBatch(queries, queryMaxLength), tokenizer.encodeBatch(passages, passageMaxLength));
  }
}

package io.polyret.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.core.sampling.Triplet;
import io.polyret.core.train.SessionConfigs;
import io.polyret.core.train.TinyFixture;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.encoder.TokenLayout;
import io.polyret.models.tokenizer.EncodedBatch;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Batch widths: the longest row, or rounded up to a multiple (for XLA), never past the maximum. */
class TripletEncoderTest {
  private static final List<Triplet> TRIPLETS = List.of(
      new Triplet("1", "en", "en", "a1 a2 a3", "b1 b2 b3 b4 b5 b6 b7", List.of()),
      new Triplet("2", "en", "en", "a4", "b8 b9", List.of()));

  @Test
  void roundsWidthsUpToTheMultipleCappedAtTheMaximumLength() {
    TinyFixture.WordTokenizer tokenizer = new TinyFixture.WordTokenizer();
    EncodedTriplets plain = new TripletEncoder(tokenizer, "", "", 12, 12).encode(TRIPLETS);
    assertEquals(5, plain.queries().width()); // [CLS] a1 a2 a3 [SEP]
    assertEquals(9, plain.passages().width());

    EncodedTriplets rounded = new TripletEncoder(tokenizer, "", "", 12, 12, 8).encode(TRIPLETS);
    assertEquals(8, rounded.queries().width());
    assertEquals(12, rounded.passages().width(), "16 would pass the maximum length 12");
    assertSameRows(plain.queries(), rounded.queries());
    assertSameRows(plain.passages(), rounded.passages());

    EncodedTriplets one = new TripletEncoder(tokenizer, "", "", 12, 12, 1).encode(TRIPLETS);
    assertEquals(plain.passages().width(), one.passages().width());
  }

  @Test
  void wideningDoesNotChangeTheLossInEitherLayout() {
    TinyFixture.WordTokenizer tokenizer = new TinyFixture.WordTokenizer();
    List<Triplet> triplets = TinyFixture.triplets(4, 3, false);
    EncodedTriplets plain = new TripletEncoder(tokenizer, "Query: ", "Passage: ", 24, 24).encode(triplets);
    EncodedTriplets wide = new TripletEncoder(tokenizer, "Query: ", "Passage: ", 24, 24, 16).encode(triplets);
    assertTrue(wide.passages().width() > plain.passages().width() || wide.queries().width() > plain.queries().width(),
        "the multiple should widen at least one side");
    for (TokenLayout layout : TokenLayout.values()) {
      try (Graph g = new Graph(); Session s = new Session(g, SessionConfigs.configProto(2))) {
        Ops tf = Ops.create(g);
        EncoderVariables vars = EncoderVariables.create(tf, TinyFixture.encoder(0.0), false, 1);
        DualEncoder dual = DualEncoder.build(tf, vars, Pooling.MEAN, LossMode.IN_BATCH, false, 0.05, layout);
        try (Result ignored = s.runner().addTarget(vars.initializer()).run()) {
          // initialised
        }
        assertEquals(loss(s, dual, plain), loss(s, dual, wide), 1e-5, layout.name());
      }
    }
  }

  @Test
  void rejectsAMultipleBelowOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TripletEncoder(new TinyFixture.WordTokenizer(), "", "", 12, 12, 0));
    assertTrue(e.getMessage().contains("widthMultiple") && e.getMessage().contains("0"), e.getMessage());
  }

  private static void assertSameRows(EncodedBatch a, EncodedBatch b) {
    assertArrayEquals(a.lengths(), b.lengths());
    for (int i = 0; i < a.size(); i++) {
      for (int t = 0; t < b.width(); t++) {
        int expectedMask = t < a.lengths()[i] ? 1 : 0;
        assertEquals(expectedMask, b.mask()[i][t]);
        if (t < a.width()) {
          assertEquals(a.ids()[i][t], b.ids()[i][t]);
        } else {
          assertEquals(0, b.ids()[i][t], "padding id");
        }
      }
    }
  }

  private static float loss(Session s, DualEncoder dual, EncodedTriplets batch) {
    Session.Runner runner = s.runner();
    List<Tensor> fed = dual.feed(runner, batch, null);
    try (Result r = runner.fetch(dual.validationLoss()).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    } finally {
      fed.forEach(Tensor::close);
    }
  }
}

package io.polyret.models.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a small unigram SentencePiece {@code ModelProto} by hand (identity normalisation), so
 * that tokenizer tests run without {@code spm_train} or shared data.
 */
final class HandWrittenSentencePieceModel {

  /** Piece types of ModelProto.SentencePiece.Type. */
  static final int NORMAL = 1;
  static final int UNKNOWN = 2;
  static final int CONTROL = 3;

  record Piece(String text, float score, int type) {}

  private HandWrittenSentencePieceModel() {}

  /**
   * {@code <unk> <s> </s>}, whole words {@code ▁hello ▁world ▁polyret}, and the single characters
   * of those words plus {@code ▁} with low scores.
   */
  static List<Piece> defaultPieces() {
    List<Piece> pieces = new ArrayList<>();
    pieces.add(new Piece("<unk>", 0, UNKNOWN));
    pieces.add(new Piece("<s>", 0, CONTROL));
    pieces.add(new Piece("</s>", 0, CONTROL));
    pieces.add(new Piece("▁hello", -1, NORMAL)); // 3
    pieces.add(new Piece("▁world", -1, NORMAL)); // 4
    pieces.add(new Piece("▁polyret", -1, NORMAL)); // 5
    pieces.add(new Piece("▁", -2, NORMAL)); // 6
    for (char c : "helowrdpyt".toCharArray()) { // 7..16
      pieces.add(new Piece(String.valueOf(c), -5, NORMAL));
    }
    return pieces;
  }

  static Path write(Path file, List<Piece> pieces) throws IOException {
    ByteArrayOutputStream model = new ByteArrayOutputStream();
    for (Piece piece : pieces) {
      ByteArrayOutputStream p = new ByteArrayOutputStream();
      writeBytes(p, 1, piece.text().getBytes(StandardCharsets.UTF_8));
      writeTag(p, 2, 5);
      int bits = Float.floatToIntBits(piece.score());
      for (int i = 0; i < 4; i++) {
        p.write((bits >>> (8 * i)) & 0xff);
      }
      writeTag(p, 3, 0);
      writeVarint(p, piece.type());
      writeBytes(model, 1, p.toByteArray());
    }
    ByteArrayOutputStream trainer = new ByteArrayOutputStream();
    writeTag(trainer, 3, 0);
    writeVarint(trainer, 1); // UNIGRAM
    writeTag(trainer, 4, 0);
    writeVarint(trainer, pieces.size());
    writeBytes(model, 2, trainer.toByteArray());
    ByteArrayOutputStream normalizer = new ByteArrayOutputStream();
    writeBytes(normalizer, 1, "identity".getBytes(StandardCharsets.UTF_8));
    for (int field : new int[] {3, 4, 5}) { // add_dummy_prefix, remove_extra_ws, escape_ws
      writeTag(normalizer, field, 0);
      writeVarint(normalizer, 1);
    }
    writeBytes(model, 3, normalizer.toByteArray());
    Files.write(file, model.toByteArray());
    return file;
  }

  static Path writeDefault(Path file) throws IOException {
    return write(file, defaultPieces());
  }

  private static void writeTag(ByteArrayOutputStream out, int field, int wireType) {
    writeVarint(out, (field << 3) | wireType);
  }

  private static void writeBytes(ByteArrayOutputStream out, int field, byte[] bytes) {
    writeTag(out, field, 2);
    writeVarint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}

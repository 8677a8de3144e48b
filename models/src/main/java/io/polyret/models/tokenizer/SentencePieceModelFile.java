package io.polyret.models.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The piece table of a SentencePiece {@code .model} file (a serialized {@code ModelProto}), read in
 * Java because the JNI binding exposes neither the piece count nor the piece types.
 *
 * <p>Only the fields needed here are decoded ({@code ModelProto.pieces}: piece text and type); all
 * other fields are skipped by wire type. A file that is not a well-formed protobuf, or has no
 * pieces, is rejected with an error naming the path.
 */
public final class SentencePieceModelFile {

  /** {@code ModelProto.SentencePiece.Type}. */
  public enum PieceType {
    NORMAL,
    UNKNOWN,
    CONTROL,
    USER_DEFINED,
    UNUSED,
    BYTE;

    static PieceType fromProto(int value) {
      return switch (value) {
        case 1 -> NORMAL;
        case 2 -> UNKNOWN;
        case 3 -> CONTROL;
        case 4 -> USER_DEFINED;
        case 5 -> UNUSED;
        case 6 -> BYTE;
        default -> NORMAL;
      };
    }
  }

  /** One entry of the piece table; its id is its index. */
  public record Piece(String text, PieceType type) {}

  private static final int MODEL_PIECES_FIELD = 1;
  private static final int PIECE_TEXT_FIELD = 1;
  private static final int PIECE_TYPE_FIELD = 3;

  private final Path path;
  private final List<Piece> pieces;

  private SentencePieceModelFile(Path path, List<Piece> pieces) {
    this.path = path;
    this.pieces = Collections.unmodifiableList(pieces);
  }

  /**
   * Reads the piece table of {@code path}.
   *
   * @throws IOException if the file is missing, unreadable, not a SentencePiece model, or empty
   */
  public static SentencePieceModelFile read(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new java.nio.file.NoSuchFileException(
          path.toString(), null, "SentencePiece model file not found");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new IOException("cannot read SentencePiece model " + path + ": " + e.getMessage(), e);
    }
    List<Piece> pieces;
    try {
      pieces = parsePieces(bytes);
    } catch (MalformedModelException e) {
      throw new IOException(
          "not a SentencePiece model (malformed ModelProto: " + e.getMessage() + "): " + path, e);
    }
    if (pieces.isEmpty()) {
      throw new IOException("not a SentencePiece model (no pieces in ModelProto): " + path);
    }
    return new SentencePieceModelFile(path, pieces);
  }

  /** The file this table was read from. */
  public Path path() {
    return path;
  }

  /** Number of pieces (SentencePiece ids are {@code 0 .. pieceCount()-1}). */
  public int pieceCount() {
    return pieces.size();
  }

  /** All pieces, indexed by SentencePiece id. */
  public List<Piece> pieces() {
    return pieces;
  }

  /** Id of the first piece of the given type, or -1. */
  public int firstOfType(PieceType type) {
    for (int i = 0; i < pieces.size(); i++) {
      if (pieces.get(i).type() == type) {
        return i;
      }
    }
    return -1;
  }

  /** Id of the control piece with the given text (e.g. {@code "<s>"}), or -1. */
  public int controlPiece(String text) {
    for (int i = 0; i < pieces.size(); i++) {
      Piece piece = pieces.get(i);
      if (piece.type() == PieceType.CONTROL && piece.text().equals(text)) {
        return i;
      }
    }
    return -1;
  }

  private static final class MalformedModelException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedModelException(String message) {
      super(message);
    }
  }

  /** A minimal protobuf wire-format reader over one byte range. */
  private static final class WireReader {
    private final byte[] bytes;
    private int position;
    private final int end;

    WireReader(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.position = start;
      this.end = end;
    }

    boolean hasMore() {
      return position < end;
    }

    long readVarint() throws MalformedModelException {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= end) {
          throw new MalformedModelException("truncated varint at byte " + position);
        }
        byte b = bytes[position++];
        result |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
      throw new MalformedModelException("varint longer than 10 bytes at byte " + position);
    }

    /** Returns [start, end) of a length-delimited field body and moves past it. */
    int[] readLengthDelimited() throws MalformedModelException {
      long length = readVarint();
      if (length < 0 || length > end - position) {
        throw new MalformedModelException(
            "field length " + length + " runs past the end at byte " + position);
      }
      int start = position;
      position += (int) length;
      return new int[] {start, position};
    }

    void skip(int wireType) throws MalformedModelException {
      switch (wireType) {
        case 0 -> readVarint();
        case 1 -> advance(8);
        case 2 -> readLengthDelimited();
        case 5 -> advance(4);
        default -> throw new MalformedModelException(
            "unsupported wire type " + wireType + " at byte " + position);
      }
    }

    private void advance(int count) throws MalformedModelException {
      if (end - position < count) {
        throw new MalformedModelException("truncated fixed-width field at byte " + position);
      }
      position += count;
    }
  }

  private static List<Piece> parsePieces(byte[] bytes) throws MalformedModelException {
    List<Piece> pieces = new ArrayList<>();
    WireReader model = new WireReader(bytes, 0, bytes.length);
    while (model.hasMore()) {
      long tag = model.readVarint();
      int field = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (field == 0) {
        throw new MalformedModelException("field number 0");
      }
      if (field == MODEL_PIECES_FIELD) {
        if (wireType != 2) {
          throw new MalformedModelException("pieces field has wire type " + wireType);
        }
        int[] range = model.readLengthDelimited();
        pieces.add(parsePiece(bytes, range[0], range[1]));
      } else {
        model.skip(wireType);
      }
    }
    return pieces;
  }

  private static Piece parsePiece(byte[] bytes, int start, int end) throws MalformedModelException {
    WireReader reader = new WireReader(bytes, start, end);
    String text = null;
    PieceType type = PieceType.NORMAL;
    while (reader.hasMore()) {
      long tag = reader.readVarint();
      int field = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (field == PIECE_TEXT_FIELD && wireType == 2) {
        int[] range = reader.readLengthDelimited();
        text = new String(bytes, range[0], range[1] - range[0], StandardCharsets.UTF_8);
      } else if (field == PIECE_TYPE_FIELD && wireType == 0) {
        type = PieceType.fromProto((int) reader.readVarint());
      } else {
        reader.skip(wireType);
      }
    }
    if (text == null) {
      throw new MalformedModelException("a piece without text ending at byte " + end);
    }
    return new Piece(text, type);
  }
}

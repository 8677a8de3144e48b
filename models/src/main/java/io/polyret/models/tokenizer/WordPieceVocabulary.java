package io.polyret.models.tokenizer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A BERT {@code vocab.txt}: one token per line, the id is the line number (from 0). Trailing
 * whitespace of a line is ignored; when a token repeats, its last line wins (as in Hugging Face's
 * {@code tokenizers}). Immutable and thread-safe.
 */
public final class WordPieceVocabulary {

  private final Map<String, Integer> ids;
  private final List<String> tokens;

  private WordPieceVocabulary(List<String> tokens) {
    this.tokens = Collections.unmodifiableList(tokens);
    Map<String, Integer> map = new HashMap<>(tokens.size() * 2);
    for (int i = 0; i < tokens.size(); i++) {
      map.put(tokens.get(i), i);
    }
    this.ids = map;
  }

  /** A vocabulary from tokens in id order. */
  public static WordPieceVocabulary of(List<String> tokens) {
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("a WordPiece vocabulary needs at least one token");
    }
    return new WordPieceVocabulary(new ArrayList<>(tokens));
  }

  /**
   * Reads a {@code vocab.txt} (UTF-8).
   *
   * @throws IOException naming the path when it is missing, unreadable, not UTF-8 or empty
   */
  public static WordPieceVocabulary read(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "WordPiece vocabulary not found");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(path)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IOException("WordPiece vocabulary is not valid UTF-8: " + path, e);
    }
    List<String> tokens = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int newline = text.indexOf('\n', start);
      int end = newline < 0 ? text.length() : newline;
      tokens.add(stripTrailingWhitespace(text.substring(start, end)));
      start = end + 1;
    }
    if (tokens.isEmpty()) {
      throw new IOException("WordPiece vocabulary is empty: " + path);
    }
    return new WordPieceVocabulary(tokens);
  }

  private static String stripTrailingWhitespace(String line) {
    int end = line.length();
    while (end > 0) {
      int cp = line.codePointBefore(end);
      if (!BertPreTokenizer.isWhitespace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return line.substring(0, end);
  }

  /** The id of {@code token}, if present. */
  public OptionalInt id(String token) {
    Integer id = ids.get(token);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** The id of {@code token}, or -1. */
  int idOrMinusOne(String token) {
    Integer id = ids.get(token);
    return id == null ? -1 : id;
  }

  /** Whether {@code token} is in the vocabulary. */
  public boolean contains(String token) {
    return ids.containsKey(token);
  }

  /** The token on line {@code id}. */
  public String token(int id) {
    return tokens.get(id);
  }

  /** Number of lines, i.e. the size of the embedding table. */
  public int size() {
    return tokens.size();
  }
}

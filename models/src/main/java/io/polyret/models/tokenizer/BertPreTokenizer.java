package io.polyret.models.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT's normalisation and word splitting, before WordPiece, with the rules of Hugging Face's
 * {@code tokenizers} (the single backend of transformers 5): {@code BertNormalizer} then {@code
 * BertPreTokenizer}.
 *
 * <ol>
 *   <li>Clean-up: drop U+0000, U+FFFD and every "other" code point (Unicode categories Cc, Cf, Cn,
 *       Co, Cs) except tab, newline and carriage return; map every whitespace code point to a
 *       space.
 *   <li>CJK ideographs are surrounded by spaces, so that each is a word.
 *   <li>Accent stripping (when enabled): canonical decomposition (NFD), then drop non-spacing
 *       marks (Mn).
 *   <li>Lower-casing (when enabled), code point by code point with the full (not
 *       context-sensitive) mapping: U+0130 becomes "i̇", a final Σ stays σ.
 *   <li>Split on whitespace (dropped) and on punctuation (each punctuation code point is a word):
 *       ASCII punctuation plus the Unicode categories Pc, Pd, Ps, Pe, Pi, Pf, Po.
 * </ol>
 *
 * <p>Unicode tables are Java's (Unicode 13 on Java 17); code points assigned only in later Unicode
 * versions are "unassigned" here and removed, as an older {@code tokenizers} would do.
 *
 * <p>Immutable and thread-safe.
 */
final class BertPreTokenizer {

  private final boolean lowerCase;
  private final boolean stripAccents;
  private final boolean splitChineseChars;

  BertPreTokenizer(boolean lowerCase, boolean stripAccents, boolean splitChineseChars) {
    this.lowerCase = lowerCase;
    this.stripAccents = stripAccents;
    this.splitChineseChars = splitChineseChars;
  }

  /** Normalises {@code text} and splits it into words. */
  List<String> words(String text) {
    return split(normalize(text));
  }

  /** Steps 1-4: clean-up, CJK spacing, accent stripping, lower-casing. */
  String normalize(String text) {
    StringBuilder cleaned = new StringBuilder(text.length() + 8);
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
              }
              if (isWhitespace(cp)) {
                cleaned.append(' ');
              } else if (splitChineseChars && isChineseChar(cp)) {
                cleaned.append(' ').appendCodePoint(cp).append(' ');
              } else {
                cleaned.appendCodePoint(cp);
              }
            });
    String normalized = cleaned.toString();
    if (stripAccents) {
      normalized = stripNonSpacingMarks(Normalizer.normalize(normalized, Normalizer.Form.NFD));
    }
    if (lowerCase) {
      normalized = lowerCaseEachCodePoint(normalized);
    }
    return normalized;
  }

  /** Step 5: whitespace and punctuation splitting. */
  static List<String> split(String normalized) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int i = 0;
    while (i < normalized.length()) {
      int cp = normalized.codePointAt(i);
      i += Character.charCount(cp);
      if (isWhitespace(cp)) {
        flush(word, words);
      } else if (isPunctuation(cp)) {
        flush(word, words);
        words.add(new String(Character.toChars(cp)));
      } else {
        word.appendCodePoint(cp);
      }
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  private static String stripNonSpacingMarks(String decomposed) {
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  private static String lowerCaseEachCodePoint(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              // The one unconditional multi-code-point lower-case mapping (SpecialCasing.txt);
              // Character.toLowerCase(int) only knows the single-code-point mapping.
              if (cp == 0x0130) {
                out.append("i\u0307");
              } else {
                out.appendCodePoint(Character.toLowerCase(cp));
              }
            });
    return out.toString();
  }

  /** Unicode White_Space, plus tab, newline and carriage return. */
  static boolean isWhitespace(int cp) {
    return switch (cp) {
      case '\t', '\n', 0x0B, 0x0C, '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F,
          0x3000 -> true;
      default -> cp >= 0x2000 && cp <= 0x200A;
    };
  }

  /** Categories Cc, Cf, Cn, Co, Cs, except tab, newline and carriage return. */
  static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.UNASSIGNED
        || type == Character.PRIVATE_USE
        || type == Character.SURROGATE;
  }

  /** ASCII punctuation or Unicode categories Pc, Pd, Ps, Pe, Pi, Pf, Po. */
  static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  /**
   * CJK Unified Ideographs blocks (and compatibility ideographs) as {@code tokenizers} lists them;
   * Hangul, Hiragana and Katakana are not included (they are written with spaces).
   */
  static boolean isChineseChar(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B920 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}

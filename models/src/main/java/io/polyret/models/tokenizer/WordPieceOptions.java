package io.polyret.models.tokenizer;

import java.util.Objects;

/**
 * Settings of a {@link WordPieceTokenizer}, as Hugging Face's {@code tokenizer_config.json} names
 * them. Immutable; validated on construction.
 *
 * @param doLowerCase lower-case the text ({@code do_lower_case})
 * @param stripAccents accent stripping ({@code strip_accents})
 * @param tokenizeChineseChars make every CJK ideograph a word ({@code tokenize_chinese_chars})
 * @param unkToken unknown-word token ({@code unk_token})
 * @param clsToken first token of every sequence ({@code cls_token})
 * @param sepToken last token of every sequence ({@code sep_token})
 * @param padToken padding token ({@code pad_token})
 * @param maskToken masked-language-model token ({@code mask_token}); may be absent from the
 *     vocabulary
 * @param maxInputCharsPerWord longer words become {@code unkToken} (Hugging Face: 100)
 */
public record WordPieceOptions(
    boolean doLowerCase,
    AccentStripping stripAccents,
    boolean tokenizeChineseChars,
    String unkToken,
    String clsToken,
    String sepToken,
    String padToken,
    String maskToken,
    int maxInputCharsPerWord) {

  /** {@code strip_accents}: {@code null} (follow lower-casing), {@code false}, {@code true}. */
  public enum AccentStripping {
    /** {@code strip_accents: null}: strip exactly when lower-casing. */
    FOLLOW_LOWER_CASE,
    /** {@code strip_accents: false}. */
    NEVER,
    /** {@code strip_accents: true}. */
    ALWAYS;

    /** Maps the JSON value ({@code null}, {@code false}, {@code true}). */
    public static AccentStripping fromJson(Boolean value) {
      if (value == null) {
        return FOLLOW_LOWER_CASE;
      }
      return value ? ALWAYS : NEVER;
    }
  }

  /** Validates. */
  public WordPieceOptions {
    Objects.requireNonNull(stripAccents, "stripAccents");
    requireToken(unkToken, "unk_token");
    requireToken(clsToken, "cls_token");
    requireToken(sepToken, "sep_token");
    requireToken(padToken, "pad_token");
    requireToken(maskToken, "mask_token");
    if (maxInputCharsPerWord < 1) {
      throw new IllegalArgumentException(
          "maxInputCharsPerWord must be at least 1, got " + maxInputCharsPerWord);
    }
  }

  private static void requireToken(String token, String name) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException(name + " must be a non-empty string, got '" + token + "'");
    }
  }

  /** BERT's defaults: {@code [UNK] [CLS] [SEP] [PAD] [MASK]}, CJK splitting, 100 chars a word. */
  public static WordPieceOptions defaults(boolean doLowerCase) {
    return new WordPieceOptions(
        doLowerCase,
        AccentStripping.FOLLOW_LOWER_CASE,
        true,
        "[UNK]",
        "[CLS]",
        "[SEP]",
        "[PAD]",
        "[MASK]",
        100);
  }

  /** Whether accents are stripped under these settings. */
  public boolean stripsAccents() {
    return switch (stripAccents) {
      case FOLLOW_LOWER_CASE -> doLowerCase;
      case NEVER -> false;
      case ALWAYS -> true;
    };
  }

  /** A copy with another accent-stripping setting. */
  public WordPieceOptions withStripAccents(AccentStripping value) {
    return new WordPieceOptions(
        doLowerCase, value, tokenizeChineseChars, unkToken, clsToken, sepToken, padToken,
        maskToken, maxInputCharsPerWord);
  }
}

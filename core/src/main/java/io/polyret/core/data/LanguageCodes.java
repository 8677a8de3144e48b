package io.polyret.core.data;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Language codes as polyret writes them: lower-case ISO 639 codes ({@code en}, {@code zh}), with an
 * optional region or script tag ({@code pt-br}, {@code zh-hant}). Also maps the English language
 * names that mMARCO uses in its file names to codes.
 */
public final class LanguageCodes {

  private static final Pattern CODE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})?");

  /** mMARCO's file-name languages (its v2 release) and their ISO 639-1 codes. */
  private static final Map<String, String> MMARCO_NAMES =
      Map.ofEntries(
          Map.entry("arabic", "ar"),
          Map.entry("chinese", "zh"),
          Map.entry("dutch", "nl"),
          Map.entry("english", "en"),
          Map.entry("french", "fr"),
          Map.entry("german", "de"),
          Map.entry("hindi", "hi"),
          Map.entry("indonesian", "id"),
          Map.entry("italian", "it"),
          Map.entry("japanese", "ja"),
          Map.entry("portuguese", "pt"),
          Map.entry("russian", "ru"),
          Map.entry("spanish", "es"),
          Map.entry("vietnamese", "vi"));

  private LanguageCodes() {}

  /** Whether the text has the form of a language code (lower-case, see class comment). */
  public static boolean isCode(String text) {
    return text != null && CODE.matcher(text).matches();
  }

  /**
   * The code for an mMARCO language name ({@code spanish} -> {@code es}) or a code given as is;
   * empty if neither.
   */
  public static Optional<String> fromMmarcoName(String nameOrCode) {
    String lower = nameOrCode.toLowerCase(Locale.ROOT);
    String code = MMARCO_NAMES.get(lower);
    if (code != null) {
      return Optional.of(code);
    }
    return isCode(lower) ? Optional.of(lower) : Optional.empty();
  }
}

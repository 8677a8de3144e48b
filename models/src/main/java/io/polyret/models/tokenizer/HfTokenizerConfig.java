package io.polyret.models.tokenizer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The tokenizer settings of a Hugging Face model directory: {@code tokenizer_config.json} and
 * {@code special_tokens_map.json}, both optional. Missing settings take Hugging Face's {@code
 * BertTokenizer} defaults ({@code do_lower_case: true}, {@code strip_accents: null}, {@code
 * tokenize_chinese_chars: true}, {@code [UNK] [CLS] [SEP] [PAD] [MASK]}). Special tokens may be
 * written as strings or as objects with a {@code content} field; {@code tokenizer_config.json}
 * wins over {@code special_tokens_map.json}.
 *
 * @param tokenizerClass {@code tokenizer_class}, if given (e.g. {@code "XLMRobertaTokenizer"})
 * @param doLowerCase {@code do_lower_case}
 * @param stripAccents {@code strip_accents} ({@code null} when absent or null)
 * @param tokenizeChineseChars {@code tokenize_chinese_chars}
 * @param unkToken {@code unk_token}
 * @param clsToken {@code cls_token}
 * @param sepToken {@code sep_token}
 * @param padToken {@code pad_token}
 * @param maskToken {@code mask_token}
 */
public record HfTokenizerConfig(
    Optional<String> tokenizerClass,
    boolean doLowerCase,
    Boolean stripAccents,
    boolean tokenizeChineseChars,
    String unkToken,
    String clsToken,
    String sepToken,
    String padToken,
    String maskToken) {

  /** File name of the main settings file. */
  public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
  /** File name of the special-token file. */
  public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the settings found in {@code directory}.
   *
   * @throws IOException naming the file when it exists but is not valid JSON
   * @throws IllegalArgumentException naming file and field when a field has the wrong type
   */
  public static HfTokenizerConfig read(Path directory) throws IOException {
    Path configFile = directory.resolve(TOKENIZER_CONFIG);
    Path specialsFile = directory.resolve(SPECIAL_TOKENS_MAP);
    JsonNode config = readJsonObject(configFile);
    JsonNode specials = readJsonObject(specialsFile);
    return new HfTokenizerConfig(
        Optional.ofNullable(text(config, "tokenizer_class", configFile)),
        bool(config, "do_lower_case", configFile, true),
        nullableBool(config, "strip_accents", configFile),
        bool(config, "tokenize_chinese_chars", configFile, true),
        token(config, configFile, specials, specialsFile, "unk_token", "[UNK]"),
        token(config, configFile, specials, specialsFile, "cls_token", "[CLS]"),
        token(config, configFile, specials, specialsFile, "sep_token", "[SEP]"),
        token(config, configFile, specials, specialsFile, "pad_token", "[PAD]"),
        token(config, configFile, specials, specialsFile, "mask_token", "[MASK]"));
  }

  /** These settings as WordPiece options (100 characters a word, as Hugging Face). */
  public WordPieceOptions wordPieceOptions() {
    return new WordPieceOptions(
        doLowerCase,
        WordPieceOptions.AccentStripping.fromJson(stripAccents),
        tokenizeChineseChars,
        unkToken,
        clsToken,
        sepToken,
        padToken,
        maskToken,
        100);
  }

  private static JsonNode readJsonObject(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return JSON.createObjectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new IOException("not valid JSON: " + file + ": " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IOException("expected a JSON object in " + file);
    }
    return node;
  }

  private static String text(JsonNode node, String field, Path file) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(
          "field '" + field + "' in " + file + " must be a string, got " + value);
    }
    return value.asText();
  }

  private static boolean bool(JsonNode node, String field, Path file, boolean fallback) {
    Boolean value = nullableBool(node, field, file);
    return value == null ? fallback : value;
  }

  private static Boolean nullableBool(JsonNode node, String field, Path file) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(
          "field '" + field + "' in " + file + " must be true, false or null, got " + value);
    }
    return value.booleanValue();
  }

  private static String token(
      JsonNode config,
      Path configFile,
      JsonNode specials,
      Path specialsFile,
      String field,
      String fallback) {
    String fromConfig = specialToken(config, field, configFile);
    if (fromConfig != null) {
      return fromConfig;
    }
    String fromSpecials = specialToken(specials, field, specialsFile);
    return fromSpecials != null ? fromSpecials : fallback;
  }

  private static String specialToken(JsonNode node, String field, Path file) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isObject() && value.path("content").isTextual()) {
      return value.get("content").asText();
    }
    throw new IllegalArgumentException(
        "field '" + field + "' in " + file
            + " must be a string or an object with a string 'content', got " + value);
  }
}

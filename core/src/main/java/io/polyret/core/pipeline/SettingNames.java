package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Maps the snake_case spellings of top-level settings ({@code train_data}, {@code batch_size})
 * onto the camelCase names of the config model ({@code trainData}, {@code batchSize}), so that
 * settings from the command line, a Maven POM or a JSON file reach the same fields. Nested objects
 * (such as {@code encoder}, a Hugging Face {@code config.json}) are left as they are.
 */
final class SettingNames {
  /** Spellings that are not a plain snake_case to camelCase conversion. */
  private static final Map<String, String> ALIASES = Map.of("output_dir", "output", "outputDir", "output");

  private SettingNames() {}

  /** A copy with every top-level name in camelCase; two spellings of one name are refused. */
  static ObjectNode normalise(ObjectNode settings) {
    ObjectNode out = settings.objectNode();
    for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = settings.fields(); it.hasNext(); ) {
      Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
      String name = camelCase(e.getKey());
      if (out.has(name)) {
        throw new IllegalArgumentException(
            name + ": given twice (as '" + e.getKey() + "' and another spelling)");
      }
      out.set(name, e.getValue());
    }
    return out;
  }

  static String camelCase(String name) {
    String alias = ALIASES.get(name);
    if (alias != null) {
      return alias;
    }
    if (name.indexOf('_') < 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name.length());
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        upper = sb.length() > 0;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    String camel = sb.toString();
    return ALIASES.getOrDefault(camel, camel);
  }
}

package io.polyret.models.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyret.models.encoder.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The module list of a sentence-transformers folder ({@code modules.json}): where the Transformer
 * lives, which pooling the Pooling module uses, an optional Dense module and whether the output is
 * normalised.
 *
 * @param transformerDir folder holding {@code config.json} and the weights
 * @param pooling from {@code <Pooling>/config.json}, or empty when there is no Pooling module
 * @param denseDir folder of a Dense module, or empty
 * @param normalize whether a Normalize module is listed
 */
public record SentenceTransformersLayout(
    Path transformerDir, Optional<Pooling> pooling, Optional<Path> denseDir, boolean normalize) {

  /** The file that marks a sentence-transformers folder. */
  public static final String MODULES_FILE = "modules.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads {@code dir/modules.json}, or returns empty when the folder is not a sentence-transformers
   * one.
   *
   * @throws IllegalArgumentException naming the file and value for malformed or unsupported modules
   */
  public static Optional<SentenceTransformersLayout> read(Path dir) throws IOException {
    Path modulesFile = dir.resolve(MODULES_FILE);
    if (!Files.isRegularFile(modulesFile)) {
      return Optional.empty();
    }
    JsonNode modules = readJson(modulesFile);
    if (!modules.isArray()) {
      throw new IllegalArgumentException(modulesFile + ": expected a JSON array of modules");
    }
    Path transformer = null;
    Optional<Pooling> pooling = Optional.empty();
    Optional<Path> dense = Optional.empty();
    boolean normalize = false;
    List<String> unsupported = new ArrayList<>();
    for (JsonNode m : modules) {
      String type = m.path("type").asText("");
      String path = m.path("path").asText("");
      Path moduleDir = dir.resolve(path).normalize();
      String kind = type.substring(type.lastIndexOf('.') + 1);
      switch (kind) {
        case "Transformer":
          transformer = moduleDir;
          break;
        case "Pooling":
          pooling = Optional.of(readPooling(moduleDir.resolve("config.json")));
          break;
        case "Dense":
          if (dense.isPresent()) {
            unsupported.add(type + " (a second Dense module)");
          }
          dense = Optional.of(moduleDir);
          break;
        case "Normalize":
          normalize = true;
          break;
        default:
          unsupported.add(type);
      }
    }
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException(modulesFile + ": unsupported modules " + unsupported
          + "; supported: [Transformer, Pooling, Dense, Normalize]");
    }
    if (transformer == null) {
      throw new IllegalArgumentException(modulesFile + ": no sentence_transformers.models.Transformer module");
    }
    return Optional.of(new SentenceTransformersLayout(transformer, pooling, dense, normalize));
  }

  /**
   * The pooling of a sentence-transformers Pooling config: exactly one of
   * {@code pooling_mode_cls_token} and {@code pooling_mode_mean_tokens} (or {@code pooling_mode}
   * {@code cls}/{@code mean}).
   */
  static Pooling readPooling(Path configFile) throws IOException {
    if (!Files.isRegularFile(configFile)) {
      throw new IllegalArgumentException(configFile + ": Pooling module config not found");
    }
    JsonNode c = readJson(configFile);
    if (c.path("pooling_mode").isTextual()) {
      String mode = c.get("pooling_mode").asText();
      switch (mode) {
        case "cls":
          return Pooling.CLS;
        case "mean":
          return Pooling.MEAN;
        default:
          throw new IllegalArgumentException(configFile + ": pooling_mode '" + mode
              + "' is not supported; supported: [cls, mean]");
      }
    }
    List<String> on = new ArrayList<>();
    c.fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("pooling_mode_") && e.getValue().asBoolean(false)) {
        on.add(e.getKey());
      }
    });
    if (on.equals(List.of("pooling_mode_cls_token"))) {
      return Pooling.CLS;
    }
    if (on.equals(List.of("pooling_mode_mean_tokens"))) {
      return Pooling.MEAN;
    }
    throw new IllegalArgumentException(configFile + ": pooling modes " + on
        + " are not supported; exactly one of [pooling_mode_cls_token, pooling_mode_mean_tokens] must be true");
  }

  static JsonNode readJson(Path file) throws IOException {
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (n == null) {
        throw new IllegalArgumentException(file + ": empty file");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}

package io.polyret.models.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.types.TFloat32;

/**
 * The tensors of a Hugging Face checkpoint folder: one {@code model.safetensors}, or shards listed by
 * {@code model.safetensors.index.json} ({@code weight_map: name -> shard file}). Every file's header
 * is validated on open; data is read one tensor at a time.
 */
public final class SafetensorsCheckpoint implements AutoCloseable {

  /** The file name of an unsharded checkpoint. */
  public static final String SINGLE_FILE = "model.safetensors";
  /** The file name of the index of a sharded checkpoint. */
  public static final String INDEX_FILE = "model.safetensors.index.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final List<SafetensorsFile> files;
  private final Map<String, SafetensorsFile> byName;

  private SafetensorsCheckpoint(Path dir, List<SafetensorsFile> files, Map<String, SafetensorsFile> byName) {
    this.dir = dir;
    this.files = files;
    this.byName = byName;
  }

  /** True when {@code dir} holds {@code model.safetensors} or its sharded index. */
  public static boolean existsIn(Path dir) {
    return Files.isRegularFile(dir.resolve(SINGLE_FILE)) || Files.isRegularFile(dir.resolve(INDEX_FILE));
  }

  /**
   * Opens the checkpoint in {@code dir}.
   *
   * @throws IllegalArgumentException naming the folder or file when nothing readable is there, the
   *     index is malformed, a shard is missing or does not hold a tensor the index gives it
   */
  public static SafetensorsCheckpoint open(Path dir) throws IOException {
    Path single = dir.resolve(SINGLE_FILE);
    Path index = dir.resolve(INDEX_FILE);
    List<SafetensorsFile> files = new ArrayList<>();
    Map<String, SafetensorsFile> byName = new LinkedHashMap<>();
    try {
      if (Files.isRegularFile(single)) {
        SafetensorsFile f = SafetensorsFile.open(single);
        files.add(f);
        for (String n : f.names()) {
          byName.put(n, f);
        }
      } else if (Files.isRegularFile(index)) {
        openShards(dir, index, files, byName);
      } else {
        String hint = Files.exists(dir.resolve("pytorch_model.bin"))
            ? " (pytorch_model.bin is not supported: save the model with safe_serialization=True)" : "";
        throw new IllegalArgumentException(
            dir + ": no " + SINGLE_FILE + " or " + INDEX_FILE + " found" + hint);
      }
    } catch (IOException | RuntimeException e) {
      for (SafetensorsFile f : files) {
        f.close();
      }
      throw e;
    }
    return new SafetensorsCheckpoint(dir, Collections.unmodifiableList(files), Collections.unmodifiableMap(byName));
  }

  private static void openShards(Path dir, Path index, List<SafetensorsFile> files,
      Map<String, SafetensorsFile> byName) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(index.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(index + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode map = root == null ? null : root.get("weight_map");
    if (map == null || !map.isObject()) {
      throw new IllegalArgumentException(index + ": no weight_map object");
    }
    Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String shardName = e.getValue().asText();
      Path shardPath = dir.resolve(shardName).normalize();
      if (!shardPath.startsWith(dir.normalize()) || !Files.isRegularFile(shardPath)) {
        throw new IllegalArgumentException(index + ": tensor '" + e.getKey() + "' is mapped to shard '"
            + shardName + "', which is not a file in " + dir);
      }
      SafetensorsFile shard = shards.get(shardName);
      if (shard == null) {
        shard = SafetensorsFile.open(shardPath);
        shards.put(shardName, shard);
        files.add(shard);
      }
      if (!shard.names().contains(e.getKey())) {
        throw new IllegalArgumentException(index + ": tensor '" + e.getKey() + "' is mapped to "
            + shardPath + ", which does not contain it");
      }
      byName.put(e.getKey(), shard);
    }
  }

  /** The checkpoint folder. */
  public Path dir() {
    return dir;
  }

  /** Every tensor name, in file order. */
  public Set<String> names() {
    return byName.keySet();
  }

  /** The header entry of a tensor. */
  public SafetensorsFile.TensorInfo info(String name) {
    return file(name).info(name);
  }

  /** The file that holds a tensor. */
  public SafetensorsFile file(String name) {
    SafetensorsFile f = byName.get(name);
    if (f == null) {
      throw new IllegalArgumentException(dir + ": no tensor named '" + name + "'");
    }
    return f;
  }

  /** Reads one tensor as float32 (the caller closes it). */
  public TFloat32 readFloat32(String name) throws IOException {
    return file(name).readFloat32(name);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (SafetensorsFile f : files) {
      try {
        f.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

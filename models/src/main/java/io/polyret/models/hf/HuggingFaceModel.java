package io.polyret.models.hf;

import com.fasterxml.jackson.databind.JsonNode;
import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.DenseHead;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.encoder.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A Hugging Face model folder opened for import: {@code config.json} plus safetensors weights
 * (single or sharded), optionally inside a sentence-transformers folder ({@code modules.json} with
 * Pooling, Dense and Normalize modules).
 *
 * <p>Typical use: open, create {@link EncoderVariables} with {@link #config()}, {@link #hasPooler()}
 * and {@link #denseHead()}, then {@link #loadInto(Session, EncoderVariables)}. Checkpoints of
 * {@code XLMRobertaForMaskedLM} ({@code roberta.} prefix, {@code lm_head.*}) and
 * {@code BertForPreTraining} ({@code bert.} prefix, {@code cls.*}) load too: prefixes are stripped and
 * head tensors are ignored and logged. Tensors are read and assigned one at a time, so the Java heap
 * needed is a few megabytes whatever the model size.
 */
public final class HuggingFaceModel implements AutoCloseable {

  /** Prefixes that task models put before the base model's parameter names. */
  public static final List<String> BASE_MODEL_PREFIXES = List.of("roberta.", "bert.");

  private static final Logger LOG = LoggerFactory.getLogger(HuggingFaceModel.class);

  private final Path dir;
  private final EncoderConfig config;
  private final SafetensorsCheckpoint checkpoint;
  private final Optional<SentenceTransformersLayout> sentenceTransformers;
  private final DenseHead denseHead;
  private final SafetensorsCheckpoint denseCheckpoint;
  private final Map<String, String> encoderToCheckpoint;
  private final List<String> ignored;

  private HuggingFaceModel(Path dir, EncoderConfig config, SafetensorsCheckpoint checkpoint,
      Optional<SentenceTransformersLayout> st, DenseHead denseHead, SafetensorsCheckpoint denseCheckpoint) {
    this.dir = dir;
    this.config = config;
    this.checkpoint = checkpoint;
    this.sentenceTransformers = st;
    this.denseHead = denseHead;
    this.denseCheckpoint = denseCheckpoint;
    Set<String> expected = EncoderVariables.declare(config, true).keySet();
    Map<String, String> mapping = new LinkedHashMap<>();
    List<String> ignoredNames = new ArrayList<>();
    for (String name : checkpoint.names()) {
      String encoderName = encoderName(name, expected);
      if (encoderName != null && !mapping.containsKey(encoderName)) {
        mapping.put(encoderName, name);
      } else {
        ignoredNames.add(name);
      }
    }
    this.encoderToCheckpoint = mapping;
    this.ignored = List.copyOf(ignoredNames);
  }

  private static String encoderName(String checkpointName, Set<String> expected) {
    if (expected.contains(checkpointName)) {
      return checkpointName;
    }
    for (String prefix : BASE_MODEL_PREFIXES) {
      if (checkpointName.startsWith(prefix) && expected.contains(checkpointName.substring(prefix.length()))) {
        return checkpointName.substring(prefix.length());
      }
    }
    return null;
  }

  /**
   * Opens a model folder: reads its config (and sentence-transformers modules) and validates every
   * safetensors header. No tensor data is read yet.
   *
   * @throws IllegalArgumentException naming the file and the value when something is missing,
   *     malformed or unsupported (e.g. a model_type other than bert / xlm-roberta)
   */
  public static HuggingFaceModel open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": not a model folder");
    }
    Optional<SentenceTransformersLayout> st = SentenceTransformersLayout.read(dir);
    Path modelDir = st.map(SentenceTransformersLayout::transformerDir).orElse(dir);
    Path configFile = modelDir.resolve("config.json");
    if (!Files.isRegularFile(configFile)) {
      throw new IllegalArgumentException(modelDir + ": config.json not found");
    }
    EncoderConfig config = EncoderConfig.read(configFile);
    DenseHead dense = null;
    SafetensorsCheckpoint denseCheckpoint = null;
    SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(modelDir);
    try {
      if (st.isPresent() && st.get().denseDir().isPresent()) {
        Path denseDir = st.get().denseDir().get();
        dense = readDenseConfig(denseDir.resolve("config.json"));
        denseCheckpoint = SafetensorsCheckpoint.open(denseDir);
      }
      return new HuggingFaceModel(dir, config, checkpoint, st, dense, denseCheckpoint);
    } catch (IOException | RuntimeException e) {
      checkpoint.close();
      if (denseCheckpoint != null) {
        denseCheckpoint.close();
      }
      throw e;
    }
  }

  private static DenseHead readDenseConfig(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": Dense module config not found");
    }
    JsonNode c = SentenceTransformersLayout.readJson(file);
    try {
      return new DenseHead(c.path("in_features").asInt(-1), c.path("out_features").asInt(-1),
          c.path("bias").asBoolean(true),
          DenseHead.Activation.fromTorchClass(c.path("activation_function").asText("torch.nn.modules.activation.Tanh")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** The folder this was opened from. */
  public Path dir() {
    return dir;
  }

  /** The encoder config read from {@code config.json}. */
  public EncoderConfig config() {
    return config;
  }

  /** Whether the checkpoint holds {@code pooler.dense.*} (task heads such as MLM have none). */
  public boolean hasPooler() {
    return encoderToCheckpoint.containsKey("pooler.dense.weight")
        && encoderToCheckpoint.containsKey("pooler.dense.bias");
  }

  /** The pooling a sentence-transformers folder asks for, if this is one. */
  public Optional<Pooling> pooling() {
    return sentenceTransformers.flatMap(SentenceTransformersLayout::pooling);
  }

  /** The sentence-transformers Dense module, if any: create the variables with it. */
  public Optional<DenseHead> denseHead() {
    return Optional.ofNullable(denseHead);
  }

  /** The parsed {@code modules.json}, when this is a sentence-transformers folder. */
  public Optional<SentenceTransformersLayout> sentenceTransformers() {
    return sentenceTransformers;
  }

  /** Checkpoint tensors that are not encoder parameters, by checkpoint name. */
  public List<String> ignoredTensors() {
    return ignored;
  }

  /**
   * Sets every variable of {@code vars} from the checkpoint, one tensor at a time, converting F16 and
   * BF16 to float32. Names and shapes are all checked before anything is assigned.
   *
   * @throws IllegalArgumentException naming the missing tensors, or a tensor and both shapes when a
   *     shape differs from what the variables (made from the config) expect
   */
  public ImportReport loadInto(Session session, EncoderVariables vars) throws IOException {
    Map<String, Source> plan = plan(vars);
    Set<String> dtypes = new LinkedHashSet<>();
    for (Map.Entry<String, Source> e : plan.entrySet()) {
      Source src = e.getValue();
      dtypes.add(src.checkpoint.info(src.name).dtype());
      try (TFloat32 value = src.checkpoint.readFloat32(src.name)) {
        vars.assign(session, e.getKey(), value);
      }
    }
    if (!ignored.isEmpty()) {
      LOG.info("{}: ignored {} checkpoint tensors that are not encoder parameters: {}", dir, ignored.size(), ignored);
    }
    LOG.info("{}: imported {} tensors (source dtypes {})", dir, plan.size(), dtypes);
    return new ImportReport(dir, new ArrayList<>(plan.keySet()), ignored, dtypes);
  }

  private record Source(SafetensorsCheckpoint checkpoint, String name) {}

  private Map<String, Source> plan(EncoderVariables vars) {
    Map<String, Source> plan = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : vars.all().keySet()) {
      Source src;
      if (name.equals(DenseHead.WEIGHT) || name.equals(DenseHead.BIAS)) {
        String denseName = name.equals(DenseHead.WEIGHT) ? "linear.weight" : "linear.bias";
        src = denseCheckpoint != null && denseCheckpoint.names().contains(denseName)
            ? new Source(denseCheckpoint, denseName) : null;
      } else {
        String checkpointName = encoderToCheckpoint.get(name);
        src = checkpointName == null ? null : new Source(checkpoint, checkpointName);
      }
      if (src == null) {
        missing.add(name);
      } else {
        plan.put(name, src);
      }
    }
    if (!missing.isEmpty()) {
      String hint = missing.contains("pooler.dense.weight") && !hasPooler()
          ? " (this checkpoint has no pooler: create the variables with withPooler=false)" : "";
      throw new IllegalArgumentException(dir + ": checkpoint lacks tensor(s) " + missing + hint);
    }
    for (Map.Entry<String, Source> e : plan.entrySet()) {
      Source src = e.getValue();
      SafetensorsFile.TensorInfo info = src.checkpoint.info(src.name);
      Shape expected = vars.shape(e.getKey());
      if (!expected.equals(info.shape())) {
        throw new IllegalArgumentException(src.checkpoint.file(src.name).path() + ": tensor '" + src.name
            + "' has shape " + info.shape() + " but the config expects " + expected);
      }
    }
    return plan;
  }

  @Override
  public void close() throws IOException {
    try {
      checkpoint.close();
    } finally {
      if (denseCheckpoint != null) {
        denseCheckpoint.close();
      }
    }
  }
}

package io.polyret.models.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.models.config.EncoderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Exports an encoder as a TensorFlow SavedModel (tag {@code serve}) with one signature, {@code
 * encode}: int32 {@code input_ids} and {@code attention_mask} {@code [batch, seq]} in, float32
 * L2-normalised {@code embedding} {@code [batch, dim]} out. The exported graph is a fresh
 * inference-only graph (no dropout, no optimizer state). A {@code polyret-encoder.json} beside it
 * records the config, pooling and dense layer.
 */
public final class EncoderSavedModel implements AutoCloseable {

  /** Signature key. */
  public static final String SIGNATURE = "encode";
  /** Signature input: token ids. */
  public static final String INPUT_IDS = "input_ids";
  /** Signature input: 0/1 mask. */
  public static final String ATTENTION_MASK = "attention_mask";
  /** Signature output: normalised sentence embeddings. */
  public static final String EMBEDDING = "embedding";
  /** Metadata file written beside {@code saved_model.pb}. */
  public static final String METADATA_FILE = "polyret-encoder.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fills freshly created variables (from a checkpoint, a Hugging Face import, ...). */
  @FunctionalInterface
  public interface VariableSource {
    void load(Session session, EncoderVariables vars) throws IOException;
  }

  /** Restores variables from a {@code session.save(prefix)} checkpoint, by name. */
  public static VariableSource checkpoint(String prefix) {
    return (session, vars) -> session.restore(prefix);
  }

  private final SavedModelBundle bundle;
  private final EncoderConfig config;
  private final Pooling pooling;

  private EncoderSavedModel(SavedModelBundle bundle, EncoderConfig config, Pooling pooling) {
    this.bundle = bundle;
    this.config = config;
    this.pooling = pooling;
  }

  /**
   * Builds an inference graph for {@code config}, fills its variables from {@code source} and writes
   * the SavedModel to {@code dir}, which must not exist yet (the export is written beside it and
   * renamed, so a failure leaves nothing behind).
   */
  public static void export(Path dir, EncoderConfig config, boolean withPooler, DenseHead denseHead,
      Pooling pooling, VariableSource source) throws IOException {
    if (Files.exists(dir)) {
      throw new IllegalArgumentException(dir + ": export folder already exists");
    }
    if (pooling == Pooling.POOLER && !withPooler) {
      throw new IllegalArgumentException("pooling 'pooler' needs withPooler=true");
    }
    Path absolute = dir.toAbsolutePath();
    Path tmp = absolute.resolveSibling(absolute.getFileName() + ".partial");
    deleteRecursively(tmp);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config, withPooler, denseHead, 0);
      Placeholder<TInt32> ids = tf.withName(INPUT_IDS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      Placeholder<TInt32> mask =
          tf.withName(ATTENTION_MASK).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      var embedding = tf.withName(EMBEDDING).identity(
          TransformerEncoder.embed(tf, vars, ids, mask, pooling, DropoutContext.inference()));
      try (Session s = new Session(g, sessionConfig())) {
        source.load(s, vars);
        SavedModelBundle.exporter(tmp.toString()).withSession(s)
            .withSignature(Signature.builder().key(SIGNATURE).input(INPUT_IDS, ids)
                .input(ATTENTION_MASK, mask).output(EMBEDDING, embedding).build())
            .export();
      }
      ObjectNode meta = JSON.createObjectNode();
      meta.set("config", config.toJson());
      meta.put("pooling", pooling.id());
      meta.put("with_pooler", withPooler);
      meta.put("embedding_size", vars.embeddingSize());
      if (denseHead != null) {
        ObjectNode d = meta.putObject("dense");
        d.put("in_features", denseHead.inFeatures());
        d.put("out_features", denseHead.outFeatures());
        d.put("bias", denseHead.bias());
        d.put("activation", denseHead.activation().name().toLowerCase(java.util.Locale.ROOT));
      }
      Files.writeString(tmp.resolve(METADATA_FILE), meta.toPrettyString());
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteRecursively(tmp);
      throw e;
    }
  }

  /**
   * Loads an exported encoder for inference: one intra-op thread per available processor,
   * TensorFlow's default devices.
   */
  public static EncoderSavedModel load(Path dir) throws IOException {
    return load(dir, sessionConfig());
  }

  /**
   * Loads an exported encoder for inference with a session config (threads, and devices: a config
   * with a GPU count of 0 keeps it on the CPU).
   */
  public static EncoderSavedModel load(Path dir, ConfigProto sessionConfig) throws IOException {
    Path metaFile = dir.resolve(METADATA_FILE);
    if (!Files.isRegularFile(metaFile)) {
      throw new IllegalArgumentException(dir + ": no " + METADATA_FILE + "; not a polyret encoder export");
    }
    JsonNode meta = JSON.readTree(metaFile.toFile());
    EncoderConfig config;
    Pooling pooling;
    try {
      config = EncoderConfig.fromJson(meta.get("config"));
      pooling = Pooling.parse(meta.path("pooling").asText(null));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(metaFile + ": " + e.getMessage(), e);
    }
    SavedModelBundle bundle = SavedModelBundle.loader(dir.toString()).withTags(SavedModelBundle.DEFAULT_TAG)
        .withConfigProto(sessionConfig).load();
    return new EncoderSavedModel(bundle, config, pooling);
  }

  /** The config of the exported encoder. */
  public EncoderConfig config() {
    return config;
  }

  /** The pooling the export applies. */
  public Pooling pooling() {
    return pooling;
  }

  /** Normalised embeddings {@code [batch][dim]} of right-padded ids and their mask. */
  public float[][] encode(int[][] inputIds, int[][] attentionMask) {
    try (TInt32 ids = TInt32.tensorOf(StdArrays.ndCopyOf(inputIds));
        TInt32 mask = TInt32.tensorOf(StdArrays.ndCopyOf(attentionMask));
        Result r = bundle.function(SIGNATURE).call(Map.<String, Tensor>of(INPUT_IDS, ids, ATTENTION_MASK, mask))) {
      return StdArrays.array2dCopyOf((TFloat32) r.get(EMBEDDING).orElseThrow());
    }
  }

  @Override
  public void close() {
    bundle.close();
  }

  private static ConfigProto sessionConfig() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(Runtime.getRuntime().availableProcessors())
        .setInterOpParallelismThreads(1)
        .build();
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(q);
      }
    }
  }
}

package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyret.core.eval.BatchedEncoding;
import io.polyret.core.eval.EncodingOptions;
import io.polyret.core.eval.TextEncoder;
import io.polyret.core.train.WeightsInitializer;
import io.polyret.models.encoder.DenseHead;
import io.polyret.models.encoder.EncoderSavedModel;
import org.tensorflow.proto.ConfigProto;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.tokenizer.CloseableTokenizer;
import io.polyret.models.tokenizer.EncodedBatch;
import io.polyret.models.tokenizer.TokenizerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An exported polyret model folder, loaded for inference: the {@code encode} SavedModel, the
 * tokenizer and the {@link ModelCard}. As a {@link TextEncoder} it encodes texts as given (the
 * evaluation engine adds the prefixes); {@link #encodeQueries} and {@link #encodePassages} add the
 * model's own prefixes and max lengths and encode in length-sorted batches.
 *
 * <pre>{@code
 * try (PolyretModel model = PolyretModel.load(Path.of("run/model"))) {
 *   float[][] q = model.encodeQueries(List.of("Wie viele Einwohner hat Liti?"));
 *   float[][] p = model.encodePassages(List.of("The town of Liti has a population of 178200."));
 * }
 * }</pre>
 *
 * Not thread-safe (the tokenizer may not be); close it to release the TensorFlow session.
 */
public final class PolyretModel implements TextEncoder, AutoCloseable {
  /** The SavedModel's folder inside a model folder. */
  public static final String SAVED_MODEL = "saved_model";
  /** Texts per encoder call in {@link #encodeQueries} and {@link #encodePassages}. */
  public static final int DEFAULT_BATCH_SIZE = 64;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final ModelCard card;
  private final CloseableTokenizer tokenizer;
  private final EncoderSavedModel savedModel;
  private String fingerprint;

  private PolyretModel(Path directory, ModelCard card, CloseableTokenizer tokenizer, EncoderSavedModel savedModel) {
    this.directory = directory;
    this.card = card;
    this.tokenizer = tokenizer;
    this.savedModel = savedModel;
  }

  /**
   * Loads a model folder written by {@link ModelExporter}.
   *
   * @throws IllegalArgumentException when the folder is not a polyret model (naming what is missing),
   *     or its tokenizer has more ids than the model's vocabulary
   */
  public static PolyretModel load(Path directory) throws IOException {
    return load(directory, null);
  }

  /**
   * {@link #load(Path)} with the TensorFlow session config of the encoder (threads, devices: a GPU
   * count of 0 keeps it on the CPU); null for the default (one intra-op thread per available
   * processor, TensorFlow's devices).
   */
  public static PolyretModel load(Path directory, ConfigProto sessionConfig) throws IOException {
    if (!isModelDirectory(directory)) {
      throw new IllegalArgumentException(
          directory + ": not a polyret model folder (expected " + ModelCard.FILE + " and " + SAVED_MODEL + "/)");
    }
    ModelCard card = ModelCard.read(directory);
    CloseableTokenizer tokenizer = TokenizerFactory.fromModelDirectory(directory);
    try {
      EncoderSavedModel saved = sessionConfig == null
          ? EncoderSavedModel.load(directory.resolve(SAVED_MODEL))
          : EncoderSavedModel.load(directory.resolve(SAVED_MODEL), sessionConfig);
      if (tokenizer.vocabularySize() > saved.config().vocabSize()) {
        saved.close();
        throw new IllegalArgumentException("tokenizer of " + directory + " has " + tokenizer.vocabularySize()
            + " ids but the model's vocabulary holds " + saved.config().vocabSize());
      }
      return new PolyretModel(directory, card, tokenizer, saved);
    } catch (IOException | RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /**
   * The model folder a path names: the path itself when it is a model folder, else the
   * {@code model/} folder a training job exported into it (so a run's output folder can be given
   * where a model is expected); null when neither holds a polyret model.
   */
  public static Path resolve(Path path) {
    if (isModelDirectory(path)) {
      return path;
    }
    Path exported = path.resolve("model");
    return isModelDirectory(exported) ? exported : null;
  }

  /** Whether {@code directory} holds an exported polyret model. */
  public static boolean isModelDirectory(Path directory) {
    return Files.isRegularFile(directory.resolve(ModelCard.FILE)) && Files.isDirectory(directory.resolve(SAVED_MODEL));
  }

  /**
   * Starting weights of a new training run taken from a polyret model folder (to continue
   * training an exported model). The training config's encoder must have the model's shapes; a
   * mismatch fails naming the variable and both shapes.
   */
  public static WeightsInitializer weights(Path directory) {
    return (session, target) -> {
      ModelCard card = ModelCard.read(directory);
      Optional<DenseHead> dense = denseHead(directory);
      if (!dense.equals(target.denseHead())) {
        throw new IllegalArgumentException(directory + ": the model's dense layer is "
            + dense.map(Object::toString).orElse("absent") + " but the training config's denseHead is "
            + target.denseHead().map(Object::toString).orElse("absent"));
      }
      String prefix = directory.resolve(SAVED_MODEL).resolve("variables").resolve("variables").toString();
      try (CheckpointWeights source =
          new CheckpointWeights(prefix, card.encoder(), card.pooling() == Pooling.POOLER, dense.orElse(null))) {
        for (String name : target.all().keySet()) {
          if (!source.variables().all().containsKey(name)) {
            throw new IllegalArgumentException(directory + " has no variable '" + name + "'");
          }
          if (!source.variables().shape(name).equals(target.shape(name))) {
            throw new IllegalArgumentException("variable '" + name + "' has shape " + source.variables().shape(name)
                + " in " + directory + " but " + target.shape(name) + " in the training config's encoder");
          }
          target.assign(session, name, source.values(name));
        }
      }
    };
  }

  /**
   * The dense layer after pooling of a model folder: the card's {@code dense_head}, else (for
   * folders whose card predates it) the SavedModel's {@code polyret-encoder.json}; empty for none.
   */
  public static Optional<DenseHead> denseHead(Path directory) throws IOException {
    ModelCard card = ModelCard.read(directory);
    if (card.denseHead() != null) {
      return Optional.of(card.denseHead());
    }
    Path meta = directory.resolve(SAVED_MODEL).resolve(EncoderSavedModel.METADATA_FILE);
    if (!Files.isRegularFile(meta)) {
      return Optional.empty();
    }
    JsonNode d = JSON.readTree(meta.toFile()).get("dense");
    if (d == null || d.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DenseHead(d.path("in_features").asInt(-1), d.path("out_features").asInt(-1),
          d.path("bias").asBoolean(true),
          DenseHead.Activation.valueOf(d.path("activation").asText("").toUpperCase(Locale.ROOT))));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(meta + ": dense: " + e.getMessage(), e);
    }
  }

  /** The model's card. */
  public ModelCard card() {
    return card;
  }

  /** The folder it was loaded from. */
  public Path directory() {
    return directory;
  }

  /** The model's prefixes and max lengths, for the evaluation engine. */
  public EncodingOptions encodingOptions() {
    return new EncodingOptions(card.queryPrefix(), card.passagePrefix(), card.queryMaxLength(),
        card.passageMaxLength(), DEFAULT_BATCH_SIZE);
  }

  @Override
  public int dimension() {
    return card.embeddingSize();
  }

  /**
   * L2-normalised embeddings of the texts as given (no prefix added), one batch; {@code maxLength}
   * is capped at the longest sequence the model's position embeddings allow.
   */
  @Override
  public float[][] encode(List<String> texts, int maxLength) {
    if (texts.isEmpty()) {
      return new float[0][];
    }
    EncodedBatch batch = tokenizer.encodeBatch(texts, Math.min(maxLength, savedModel.config().maxSequenceLength()));
    return savedModel.encode(batch.ids(), batch.mask());
  }

  /** Embeddings of queries: the model's query prefix and max length, length-sorted batches. */
  public float[][] encodeQueries(List<String> queries) {
    return rows(BatchedEncoding.encode(this, queries, card.queryPrefix(), card.queryMaxLength(), DEFAULT_BATCH_SIZE),
        queries.size());
  }

  /** Embeddings of passages: the model's passage prefix and max length, length-sorted batches. */
  public float[][] encodePassages(List<String> passages) {
    return rows(
        BatchedEncoding.encode(this, passages, card.passagePrefix(), card.passageMaxLength(), DEFAULT_BATCH_SIZE),
        passages.size());
  }

  private float[][] rows(float[] flat, int n) {
    int dim = dimension();
    float[][] out = new float[n][dim];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * dim, out[i], 0, dim);
    }
    return out;
  }

  /**
   * {@code polyret-model:} and a SHA-256 over every file of the model folder (card, tokenizer,
   * graph and variables): it changes with any weight, so embedding caches never serve another
   * model's vectors. Computed on first use.
   */
  @Override
  public synchronized String fingerprint() {
    if (fingerprint == null) {
      fingerprint = "polyret-model:" + DataFiles.sha256(directory);
    }
    return fingerprint;
  }

  @Override
  public void close() {
    try {
      savedModel.close();
    } finally {
      tokenizer.close();
    }
  }
}

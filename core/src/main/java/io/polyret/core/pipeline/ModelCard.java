package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.train.TrainingConfig;
import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.DenseHead;
import io.polyret.models.encoder.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code polyret-model.json}: what an exported polyret model is and where it came from. Written by
 * {@link ModelExporter}, read by {@link PolyretModel}. JSON fields in snake_case:
 * {@code format_version, base_model, encoder} (Hugging Face {@code config.json} object),
 * {@code pooling, embedding_size, query_prefix, passage_prefix, query_max_length,
 * passage_max_length, tokenizer} (file name in the folder), {@code training} (provenance: job
 * config, data with SHA-256, seed, steps, best step and validation loss, metrics when known),
 * {@code polyret_version, tensorflow_version, created}, and {@code dense_head} ({@code
 * {"inFeatures", "outFeatures", "bias", "activation"}}, as the training config's {@code denseHead})
 * when a dense layer follows the pooling.
 *
 * @param baseModel the Hugging Face checkpoint the model was fine-tuned from; null for a fresh one
 * @param encoder the encoder's config
 * @param pooling sentence pooling
 * @param embeddingSize embedding dimension
 * @param queryPrefix prepended to queries before encoding
 * @param passagePrefix prepended to passages
 * @param queryMaxLength tokens per query, special tokens included
 * @param passageMaxLength tokens per passage
 * @param tokenizer the tokenizer file in the model folder ({@code sentencepiece.bpe.model} or
 *     {@code vocab.txt})
 * @param training free-form provenance of the training run (may be empty)
 * @param polyretVersion polyret version that wrote the model
 * @param tensorflowVersion TensorFlow version of the SavedModel
 * @param created ISO-8601 instant of the export
 * @param denseHead the dense layer after pooling (a sentence-transformers Dense module); null for none
 */
public record ModelCard(
    String baseModel,
    EncoderConfig encoder,
    Pooling pooling,
    int embeddingSize,
    String queryPrefix,
    String passagePrefix,
    int queryMaxLength,
    int passageMaxLength,
    String tokenizer,
    ObjectNode training,
    String polyretVersion,
    String tensorflowVersion,
    String created,
    DenseHead denseHead) {

  /** File name of the card in a model folder. */
  public static final String FILE = "polyret-model.json";
  /** Layout version written now. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates. */
  public ModelCard {
    if (encoder == null || pooling == null) {
      throw new IllegalArgumentException("a model card needs the encoder config and the pooling");
    }
    if (queryPrefix == null || passagePrefix == null) {
      throw new IllegalArgumentException("prefixes may be empty but not null");
    }
    if (queryMaxLength < 2 || passageMaxLength < 2) {
      throw new IllegalArgumentException(
          "max lengths must be >= 2: query " + queryMaxLength + ", passage " + passageMaxLength);
    }
    if (denseHead != null && (denseHead.inFeatures() != encoder.hiddenSize() || denseHead.outFeatures() != embeddingSize)) {
      throw new IllegalArgumentException("dense_head " + denseHead + " does not fit hidden_size "
          + encoder.hiddenSize() + " and embedding_size " + embeddingSize);
    }
    training = training == null ? JSON.createObjectNode() : training.deepCopy();
  }

  /** A card for a model without a dense layer after pooling. */
  public ModelCard(String baseModel, EncoderConfig encoder, Pooling pooling, int embeddingSize, String queryPrefix,
      String passagePrefix, int queryMaxLength, int passageMaxLength, String tokenizer, ObjectNode training,
      String polyretVersion, String tensorflowVersion, String created) {
    this(baseModel, encoder, pooling, embeddingSize, queryPrefix, passagePrefix, queryMaxLength, passageMaxLength,
        tokenizer, training, polyretVersion, tensorflowVersion, created, null);
  }

  /** The card as JSON. */
  public ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("format_version", FORMAT_VERSION);
    n.put("base_model", baseModel);
    n.set("encoder", encoder.toJson());
    n.put("pooling", pooling.id());
    n.put("embedding_size", embeddingSize);
    n.put("query_prefix", queryPrefix);
    n.put("passage_prefix", passagePrefix);
    n.put("query_max_length", queryMaxLength);
    n.put("passage_max_length", passageMaxLength);
    n.put("tokenizer", tokenizer);
    n.set("training", training);
    n.put("polyret_version", polyretVersion);
    n.put("tensorflow_version", tensorflowVersion);
    n.put("created", created);
    if (denseHead != null) {
      n.set("dense_head", TrainingConfig.denseHeadJson(denseHead));
    }
    return n;
  }

  /** Reads {@code polyret-model.json} of a model folder. */
  public static ModelCard read(Path modelDir) throws IOException {
    Path file = modelDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(modelDir + ": no " + FILE + "; not a polyret model folder");
    }
    JsonNode n;
    try {
      n = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    try {
      int version = n.path("format_version").asInt(-1);
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException("format_version " + n.get("format_version")
            + " is not supported (this polyret reads " + FORMAT_VERSION + ")");
      }
      return new ModelCard(
          n.hasNonNull("base_model") ? n.get("base_model").asText() : null,
          EncoderConfig.fromJson(n.get("encoder")),
          Pooling.parse(n.path("pooling").asText(null)),
          required(n, "embedding_size").asInt(),
          required(n, "query_prefix").asText(),
          required(n, "passage_prefix").asText(),
          required(n, "query_max_length").asInt(),
          required(n, "passage_max_length").asInt(),
          required(n, "tokenizer").asText(),
          n.get("training") instanceof ObjectNode o ? o : null,
          n.path("polyret_version").asText(null),
          n.path("tensorflow_version").asText(null),
          n.path("created").asText(null),
          n.hasNonNull("dense_head") ? denseHead(n.get("dense_head")) : null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static DenseHead denseHead(JsonNode n) {
    try {
      return TrainingConfig.denseHeadFromJson(n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dense_head: " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode n, String field) {
    if (!n.hasNonNull(field)) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return n.get(field);
  }
}

package io.polyret.models.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a Transformer encoder of the BERT / XLM-R family. Field names and defaults are those
 * of Hugging Face {@code config.json} ({@code BertConfig}), so a downloaded checkpoint's config
 * reads as it is. Immutable; validated on construction.
 */
public final class EncoderConfig {

  /** Model types whose graph this project builds. */
  public static final List<String> SUPPORTED_MODEL_TYPES = List.of("bert", "xlm-roberta");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String modelType;
  private final int vocabSize;
  private final int hiddenSize;
  private final int numHiddenLayers;
  private final int numAttentionHeads;
  private final int intermediateSize;
  private final int maxPositionEmbeddings;
  private final int typeVocabSize;
  private final double layerNormEps;
  private final double hiddenDropoutProb;
  private final double attentionProbsDropoutProb;
  private final int padTokenId;
  private final String hiddenAct;

  private EncoderConfig(Builder b) {
    this.modelType = b.modelType;
    this.vocabSize = b.vocabSize;
    this.hiddenSize = b.hiddenSize;
    this.numHiddenLayers = b.numHiddenLayers;
    this.numAttentionHeads = b.numAttentionHeads;
    this.intermediateSize = b.intermediateSize;
    this.maxPositionEmbeddings = b.maxPositionEmbeddings;
    this.typeVocabSize = b.typeVocabSize;
    this.layerNormEps = b.layerNormEps;
    this.hiddenDropoutProb = b.hiddenDropoutProb;
    this.attentionProbsDropoutProb = b.attentionProbsDropoutProb;
    this.padTokenId = b.padTokenId;
    this.hiddenAct = b.hiddenAct;
    validate();
  }

  private void validate() {
    if (modelType == null || !SUPPORTED_MODEL_TYPES.contains(modelType)) {
      throw new IllegalArgumentException(
          "model_type '" + modelType + "' is not supported; supported: " + SUPPORTED_MODEL_TYPES);
    }
    positive("vocab_size", vocabSize);
    positive("hidden_size", hiddenSize);
    positive("num_hidden_layers", numHiddenLayers);
    positive("num_attention_heads", numAttentionHeads);
    positive("intermediate_size", intermediateSize);
    positive("max_position_embeddings", maxPositionEmbeddings);
    positive("type_vocab_size", typeVocabSize);
    if (hiddenSize % numAttentionHeads != 0) {
      throw new IllegalArgumentException(
          "num_attention_heads=" + numAttentionHeads + " does not divide hidden_size=" + hiddenSize);
    }
    if (!(layerNormEps > 0) || !Double.isFinite(layerNormEps)) {
      throw new IllegalArgumentException("layer_norm_eps must be > 0, got " + layerNormEps);
    }
    probability("hidden_dropout_prob", hiddenDropoutProb);
    probability("attention_probs_dropout_prob", attentionProbsDropoutProb);
    if (padTokenId < 0 || padTokenId >= vocabSize) {
      throw new IllegalArgumentException(
          "pad_token_id=" + padTokenId + " is outside the vocabulary [0, " + vocabSize + ")");
    }
    if (isXlmRoberta() && padTokenId + 2 > maxPositionEmbeddings) {
      throw new IllegalArgumentException(
          "max_position_embeddings=" + maxPositionEmbeddings + " leaves no position after pad_token_id="
              + padTokenId + " (xlm-roberta positions start at pad_token_id + 1)");
    }
    if (!"gelu".equals(hiddenAct)) {
      throw new IllegalArgumentException("hidden_act '" + hiddenAct + "' is not supported; supported: [gelu]");
    }
  }

  private static void positive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be > 0, got " + value);
    }
  }

  private static void probability(String field, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1), got " + value);
    }
  }

  /** A builder with Hugging Face's {@code BertConfig} defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .modelType(modelType)
        .vocabSize(vocabSize)
        .hiddenSize(hiddenSize)
        .numHiddenLayers(numHiddenLayers)
        .numAttentionHeads(numAttentionHeads)
        .intermediateSize(intermediateSize)
        .maxPositionEmbeddings(maxPositionEmbeddings)
        .typeVocabSize(typeVocabSize)
        .layerNormEps(layerNormEps)
        .hiddenDropoutProb(hiddenDropoutProb)
        .attentionProbsDropoutProb(attentionProbsDropoutProb)
        .padTokenId(padTokenId)
        .hiddenAct(hiddenAct);
  }

  /**
   * Reads a Hugging Face {@code config.json}; absent fields take the defaults, unknown fields are
   * ignored.
   *
   * @throws IllegalArgumentException naming the file when it is not valid JSON or a field is invalid
   */
  public static EncoderConfig read(Path configJson) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(configJson));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(configJson + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    try {
      return fromJson(root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(configJson + ": " + e.getMessage(), e);
    }
  }

  /** Builds a config from a parsed {@code config.json} object. */
  public static EncoderConfig fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("config must be a JSON object");
    }
    Builder b = builder();
    JsonFields f = new JsonFields(node);
    b.modelType(f.text("model_type", b.modelType));
    b.vocabSize(f.intValue("vocab_size", b.vocabSize));
    b.hiddenSize(f.intValue("hidden_size", b.hiddenSize));
    b.numHiddenLayers(f.intValue("num_hidden_layers", b.numHiddenLayers));
    b.numAttentionHeads(f.intValue("num_attention_heads", b.numAttentionHeads));
    b.intermediateSize(f.intValue("intermediate_size", b.intermediateSize));
    b.maxPositionEmbeddings(f.intValue("max_position_embeddings", b.maxPositionEmbeddings));
    b.typeVocabSize(f.intValue("type_vocab_size", b.typeVocabSize));
    b.layerNormEps(f.number("layer_norm_eps", b.layerNormEps));
    b.hiddenDropoutProb(f.number("hidden_dropout_prob", b.hiddenDropoutProb));
    b.attentionProbsDropoutProb(f.number("attention_probs_dropout_prob", b.attentionProbsDropoutProb));
    b.padTokenId(f.intValue("pad_token_id", b.padTokenId));
    b.hiddenAct(f.text("hidden_act", b.hiddenAct));
    // Relative position schemes change the attention maths; refuse them rather than compute wrong
    // outputs silently.
    String positions = f.text("position_embedding_type", "absolute");
    if (!"absolute".equals(positions)) {
      throw new IllegalArgumentException(
          "position_embedding_type '" + positions + "' is not supported; supported: [absolute]");
    }
    return b.build();
  }

  /** This config as a Hugging Face {@code config.json} object. */
  public ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("model_type", modelType);
    n.put("vocab_size", vocabSize);
    n.put("hidden_size", hiddenSize);
    n.put("num_hidden_layers", numHiddenLayers);
    n.put("num_attention_heads", numAttentionHeads);
    n.put("intermediate_size", intermediateSize);
    n.put("max_position_embeddings", maxPositionEmbeddings);
    n.put("type_vocab_size", typeVocabSize);
    n.put("layer_norm_eps", layerNormEps);
    n.put("hidden_dropout_prob", hiddenDropoutProb);
    n.put("attention_probs_dropout_prob", attentionProbsDropoutProb);
    n.put("pad_token_id", padTokenId);
    n.put("hidden_act", hiddenAct);
    return n;
  }

  public String modelType() {
    return modelType;
  }

  /** True for {@code xlm-roberta}, whose position ids start at {@code pad_token_id + 1}. */
  public boolean isXlmRoberta() {
    return "xlm-roberta".equals(modelType);
  }

  public int vocabSize() {
    return vocabSize;
  }

  public int hiddenSize() {
    return hiddenSize;
  }

  public int numHiddenLayers() {
    return numHiddenLayers;
  }

  public int numAttentionHeads() {
    return numAttentionHeads;
  }

  /** Width of one attention head: hidden size over heads. */
  public int headSize() {
    return hiddenSize / numAttentionHeads;
  }

  public int intermediateSize() {
    return intermediateSize;
  }

  public int maxPositionEmbeddings() {
    return maxPositionEmbeddings;
  }

  public int typeVocabSize() {
    return typeVocabSize;
  }

  public double layerNormEps() {
    return layerNormEps;
  }

  public double hiddenDropoutProb() {
    return hiddenDropoutProb;
  }

  public double attentionProbsDropoutProb() {
    return attentionProbsDropoutProb;
  }

  public int padTokenId() {
    return padTokenId;
  }

  public String hiddenAct() {
    return hiddenAct;
  }

  /**
   * Longest input, in tokens, that the position table allows (XLM-R loses {@code pad_token_id + 1}
   * positions to its offset).
   */
  public int maxSequenceLength() {
    return isXlmRoberta() ? maxPositionEmbeddings - padTokenId - 1 : maxPositionEmbeddings;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncoderConfig other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return Objects.hash(modelType, vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize);
  }

  @Override
  public String toString() {
    return toJson().toString();
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private String modelType = "bert";
    private int vocabSize = 30522;
    private int hiddenSize = 768;
    private int numHiddenLayers = 12;
    private int numAttentionHeads = 12;
    private int intermediateSize = 3072;
    private int maxPositionEmbeddings = 512;
    private int typeVocabSize = 2;
    private double layerNormEps = 1e-12;
    private double hiddenDropoutProb = 0.1;
    private double attentionProbsDropoutProb = 0.1;
    private int padTokenId = 0;
    private String hiddenAct = "gelu";

    private Builder() {}

    public Builder modelType(String v) {
      modelType = v;
      return this;
    }

    public Builder vocabSize(int v) {
      vocabSize = v;
      return this;
    }

    public Builder hiddenSize(int v) {
      hiddenSize = v;
      return this;
    }

    public Builder numHiddenLayers(int v) {
      numHiddenLayers = v;
      return this;
    }

    public Builder numAttentionHeads(int v) {
      numAttentionHeads = v;
      return this;
    }

    public Builder intermediateSize(int v) {
      intermediateSize = v;
      return this;
    }

    public Builder maxPositionEmbeddings(int v) {
      maxPositionEmbeddings = v;
      return this;
    }

    public Builder typeVocabSize(int v) {
      typeVocabSize = v;
      return this;
    }

    public Builder layerNormEps(double v) {
      layerNormEps = v;
      return this;
    }

    public Builder hiddenDropoutProb(double v) {
      hiddenDropoutProb = v;
      return this;
    }

    public Builder attentionProbsDropoutProb(double v) {
      attentionProbsDropoutProb = v;
      return this;
    }

    public Builder padTokenId(int v) {
      padTokenId = v;
      return this;
    }

    public Builder hiddenAct(String v) {
      hiddenAct = v;
      return this;
    }

    /** Validates and builds; throws {@link IllegalArgumentException} naming the bad field. */
    public EncoderConfig build() {
      return new EncoderConfig(this);
    }
  }
}

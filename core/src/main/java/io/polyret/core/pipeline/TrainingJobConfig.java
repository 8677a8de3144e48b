package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.sampling.SamplingConfig;
import io.polyret.core.train.TrainingConfig;
import io.polyret.models.config.EncoderConfig;
import io.polyret.models.config.JsonFields;
import io.polyret.models.encoder.DenseHead;
import io.polyret.models.hf.HuggingFaceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a training run needs, in one immutable, validated object: the {@link TrainingConfig}
 * (model, loss, optimiser, run length, output), the batch sampling (method.md, section 3), the
 * training and validation data, and where the model starts from (a Hugging Face folder, or a
 * fresh encoder from the {@code encoder} settings plus a tokenizer).
 *
 * <p>JSON / command-line / Maven names (the {@link TrainingConfig} fields, plus):
 *
 * <ul>
 *   <li>{@code trainData}: list of paths (layout detected) [required unless {@code datasets}];
 *   <li>{@code datasets}: list of {@code {path, format, name, weight}} objects (see {@link
 *       DatasetSpec}), added to {@code trainData};
 *   <li>{@code validationData}: list of paths or objects; one seeded sampler epoch over them is the
 *       fixed validation set;
 *   <li>{@code baseModel}: Hugging Face model folder to start from (its {@code config.json} is the
 *       encoder, and a sentence-transformers Dense module is the {@code denseHead}, trained with the
 *       encoder; then {@code encoder} and {@code denseHead} must not be given);
 *   <li>{@code tokenizer}: tokenizer folder or SentencePiece {@code .model} file [the base model's];
 *   <li>{@code sampling}: {@code x-x}, {@code x-y} or {@code hybrid} [hybrid];
 *   <li>{@code alpha}: probability of a monolingual batch, hybrid only [0.5];
 *   <li>{@code languages}: language codes to train on [all of the data];
 *   <li>{@code exportModel}: export the best checkpoint to {@code <output>/model} at the end [true].
 * </ul>
 *
 * The sampler's batch size and seed are the training config's {@code batchSize} and {@code seed}.
 * snake_case spellings of the top-level names ({@code train_data}, {@code batch_size},
 * {@code output_dir}) are accepted too, so command-line settings can be passed as they are.
 * Every contradiction or missing file fails on construction with an {@link
 * IllegalArgumentException} naming the field and the value, before any data is read.
 */
public final class TrainingJobConfig {

  /** The job's own field names (the others belong to {@link TrainingConfig}). */
  public static final Set<String> JOB_FIELDS =
      Set.of("trainData", "datasets", "validationData", "baseModel", "tokenizer", "sampling", "alpha",
          "languages", "exportModel");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TrainingConfig training;
  private final SamplingConfig.Sampling sampling;
  private final Double alpha;
  private final List<String> languages;
  private final List<DatasetSpec> datasets;
  private final List<DatasetSpec> validationData;
  private final Path baseModel;
  private final Path tokenizer;
  private final boolean exportModel;

  private TrainingJobConfig(Builder b) {
    if (b.training == null) {
      throw new IllegalArgumentException("the training config (encoder, output, ...) is required");
    }
    training = b.training;
    sampling = b.sampling == null ? SamplingConfig.Sampling.HYBRID : b.sampling;
    alpha = b.alpha;
    languages = List.copyOf(b.languages);
    datasets = List.copyOf(b.datasets);
    validationData = List.copyOf(b.validationData);
    baseModel = b.baseModel;
    tokenizer = b.tokenizer;
    exportModel = b.exportModel;
    validate();
  }

  private void validate() {
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("trainData: no training data given (a .jsonl file, LAReQA or mMARCO folder)");
    }
    long weighted = datasets.stream().filter(d -> d.weight() != null).count();
    if (weighted != 0 && weighted != datasets.size()) {
      throw new IllegalArgumentException(
          "datasets: weights are given for " + weighted + " of " + datasets.size() + " datasets; give all or none");
    }
    // Builds the sampling once now so that alpha/sampling contradictions and bad language codes fail here.
    samplingConfig(Map.of());
    if (baseModel != null && !Files.isRegularFile(baseModel.resolve("config.json"))) {
      throw new IllegalArgumentException(
          "baseModel: not a Hugging Face model folder (no config.json): " + baseModel);
    }
    if (baseModel != null) {
      Optional<DenseHead> baseDense = baseModelDenseHead(baseModel);
      if (!baseDense.equals(training.denseHead())) {
        throw new IllegalArgumentException("denseHead: baseModel " + baseModel + " has "
            + baseDense.map(d -> "the dense layer " + TrainingConfig.denseHeadJson(d)).orElse("no dense layer")
            + " but the training config's denseHead is "
            + training.denseHead().map(d -> TrainingConfig.denseHeadJson(d).toString()).orElse("absent")
            + " (leave denseHead out of the settings: it is read from the base model)");
      }
    }
    if (baseModel == null && tokenizer == null) {
      throw new IllegalArgumentException(
          "tokenizer: a fresh encoder (no baseModel) needs a tokenizer folder or SentencePiece .model file");
    }
    if (tokenizer != null && !Files.exists(tokenizer)) {
      throw new IllegalArgumentException("tokenizer: path does not exist: " + tokenizer);
    }
    if (training.validateEvery() > 0 && validationData.isEmpty()) {
      throw new IllegalArgumentException(
          "validationData: validateEvery=" + training.validateEvery() + " needs validation data");
    }
    if (training.patience() > 0 && training.validateEvery() == 0) {
      throw new IllegalArgumentException(
          "patience: patience=" + training.patience() + " needs validateEvery > 0");
    }
  }

  /**
   * The sampler's config: this job's sampling, alpha and languages with the training batch size
   * and seed, and the given weights per dataset name (empty: proportional to size).
   */
  public SamplingConfig samplingConfig(Map<String, Double> weightsByDatasetName) {
    SamplingConfig.Builder b = SamplingConfig.builder()
        .sampling(sampling)
        .batchSize(training.batchSize())
        .seed(training.seed())
        .languages(languages);
    if (alpha != null) {
      b.alpha(alpha);
    }
    weightsByDatasetName.forEach(b::datasetWeight);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      String field = e.getMessage().contains("language") ? "languages" : alpha != null ? "alpha" : "sampling";
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  /**
   * The dense layer after pooling of a base model: a sentence-transformers folder's Dense module
   * (LaBSE's), or an exported polyret model's; empty when it has none. A training config for that
   * base model needs exactly this {@code denseHead}; {@link #fromJson} sets it.
   *
   * @throws IllegalArgumentException naming the file when the folder's modules are malformed
   */
  public static Optional<DenseHead> baseModelDenseHead(Path baseModel) {
    try {
      if (PolyretModel.isModelDirectory(baseModel)) {
        return PolyretModel.denseHead(baseModel);
      }
      try (HuggingFaceModel hf = HuggingFaceModel.open(baseModel)) {
        return hf.denseHead();
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("baseModel: cannot read " + baseModel + ": " + e.getMessage(), e);
    }
  }

  /** The trainer's settings (model, loss, optimiser, run length, output). */
  public TrainingConfig training() {
    return training;
  }

  /** x-x, x-y or hybrid. */
  public SamplingConfig.Sampling sampling() {
    return sampling;
  }

  /** Alpha as given, or null for the sampling's default (1, 0, 0.5). */
  public Double alpha() {
    return alpha;
  }

  /** Languages to train on; empty for all. */
  public List<String> languages() {
    return languages;
  }

  /** Training datasets. */
  public List<DatasetSpec> datasets() {
    return datasets;
  }

  /** Validation datasets (possibly none). */
  public List<DatasetSpec> validationData() {
    return validationData;
  }

  /** Hugging Face folder the weights start from; null for a fresh (random) encoder. */
  public Path baseModel() {
    return baseModel;
  }

  /** Tokenizer folder or SentencePiece file; null means the base model's. */
  public Path tokenizer() {
    return tokenizer;
  }

  /** The tokenizer's location: {@link #tokenizer()} or else the base model folder. */
  public Path tokenizerSource() {
    return tokenizer != null ? tokenizer : baseModel;
  }

  /** Whether the best checkpoint is exported to {@link #modelDirectory()} at the end. */
  public boolean exportModel() {
    return exportModel;
  }

  /** Where the trained model is exported: {@code <output>/model}. */
  public Path modelDirectory() {
    return training.outputDir().resolve("model");
  }

  /** The settings as JSON, readable by {@link #fromJson}. */
  public ObjectNode toJson() {
    ObjectNode n = training.toJson();
    if (baseModel != null) {
      n.remove("encoder"); // it is the base model's config.json
      n.remove("denseHead"); // and its Dense module
      n.put("baseModel", baseModel.toString());
    }
    if (tokenizer != null) {
      n.put("tokenizer", tokenizer.toString());
    }
    ArrayNode ds = n.putArray("datasets");
    datasets.forEach(d -> ds.add(d.toJson()));
    ArrayNode vd = n.putArray("validationData");
    validationData.forEach(d -> vd.add(d.toJson()));
    n.put("sampling", sampling.label());
    if (alpha != null) {
      n.put("alpha", alpha);
    }
    ArrayNode langs = n.putArray("languages");
    languages.forEach(langs::add);
    n.put("exportModel", exportModel);
    return n;
  }

  /**
   * Reads job settings: the {@link TrainingConfig} fields plus {@link #JOB_FIELDS}; unknown fields
   * are refused. With {@code baseModel} and no {@code encoder}, the encoder is read from the base
   * model's {@code config.json}.
   */
  public static TrainingJobConfig fromJson(JsonNode settings) {
    if (settings == null || !settings.isObject()) {
      throw new IllegalArgumentException("training job settings must be a JSON object, got " + settings);
    }
    ObjectNode node = SettingNames.normalise((ObjectNode) settings);
    Builder b = builder();
    Path base = optionalPath(node, "baseModel");
    if (base != null) {
      if (node.hasNonNull("encoder")) {
        throw new IllegalArgumentException(
            "encoder: give either encoder (a fresh model) or baseModel (" + base + "), not both");
      }
      Path configJson = base.resolve("config.json");
      if (!Files.isRegularFile(configJson)) {
        throw new IllegalArgumentException("baseModel: not a Hugging Face model folder (no config.json): " + base);
      }
      try {
        node.set("encoder", EncoderConfig.read(configJson).toJson());
      } catch (IOException e) {
        throw new IllegalArgumentException("baseModel: cannot read " + configJson + ": " + e.getMessage(), e);
      }
      if (node.hasNonNull("denseHead")) {
        throw new IllegalArgumentException(
            "denseHead: give either denseHead (a fresh model) or baseModel (" + base + "), which sets it, not both");
      }
      baseModelDenseHead(base).ifPresent(d -> node.set("denseHead", TrainingConfig.denseHeadJson(d)));
      b.baseModel(base);
    }
    b.training(TrainingConfig.fromJson(node, JOB_FIELDS));
    b.tokenizer(optionalPath(node, "tokenizer"));
    for (JsonNode d : list(node, "trainData")) {
      b.dataset(spec(d, "trainData"));
    }
    for (JsonNode d : list(node, "datasets")) {
      b.dataset(spec(d, "datasets"));
    }
    for (JsonNode d : list(node, "validationData")) {
      b.validationData(spec(d, "validationData"));
    }
    if (node.hasNonNull("sampling")) {
      try {
        b.sampling(SamplingConfig.Sampling.parse(node.get("sampling").asText()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sampling: " + e.getMessage(), e);
      }
    }
    if (node.hasNonNull("alpha")) {
      if (!node.get("alpha").isNumber()) {
        throw new IllegalArgumentException("alpha must be a number in [0, 1]: " + node.get("alpha"));
      }
      b.alpha(node.get("alpha").asDouble());
    }
    List<String> langs = new ArrayList<>();
    for (JsonNode l : list(node, "languages")) {
      langs.add(l.asText());
    }
    b.languages(langs);
    if (node.hasNonNull("exportModel")) {
      b.exportModel(new JsonFields(node).bool("exportModel", true));
    }
    return b.build();
  }

  /** Reads a JSON settings file. */
  public static TrainingJobConfig read(Path file) throws IOException {
    try {
      return fromJson(JSON.readTree(file.toFile()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static DatasetSpec spec(JsonNode node, String field) {
    try {
      return DatasetSpec.fromJson(node);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  /** A field that may be one value or an array of values. */
  private static List<JsonNode> list(ObjectNode node, String field) {
    JsonNode v = node.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isArray()) {
      v.forEach(out::add);
    } else if (v.isTextual() && field.equals("languages")) {
      for (String part : v.asText().split(",")) {
        if (!part.isBlank()) {
          out.add(JSON.getNodeFactory().textNode(part.trim()));
        }
      }
    } else {
      out.add(v);
    }
    return out;
  }

  private static Path optionalPath(ObjectNode node, String field) {
    return node.hasNonNull(field) ? Path.of(node.get(field).asText()) : null;
  }

  /** A builder; {@link Builder#training} and at least one dataset are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder().training(training).sampling(sampling).languages(languages)
        .baseModel(baseModel).tokenizer(tokenizer).exportModel(exportModel);
    b.alpha = alpha;
    b.datasets.addAll(datasets);
    b.validationData.addAll(validationData);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingJobConfig other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().toString();
  }

  /** Collects a {@link TrainingJobConfig}. */
  public static final class Builder {
    private TrainingConfig training;
    private SamplingConfig.Sampling sampling = SamplingConfig.Sampling.HYBRID;
    private Double alpha;
    private List<String> languages = List.of();
    private final List<DatasetSpec> datasets = new ArrayList<>();
    private final List<DatasetSpec> validationData = new ArrayList<>();
    private Path baseModel;
    private Path tokenizer;
    private boolean exportModel = true;

    private Builder() {}

    /** The trainer's settings (required). */
    public Builder training(TrainingConfig v) {
      training = v;
      return this;
    }

    /** x-x, x-y or hybrid [hybrid]. */
    public Builder sampling(SamplingConfig.Sampling v) {
      sampling = v;
      return this;
    }

    /** Sampling by name: {@code x-x}, {@code x-y}, {@code hybrid}. */
    public Builder sampling(String v) {
      try {
        return sampling(SamplingConfig.Sampling.parse(v));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sampling: " + e.getMessage(), e);
      }
    }

    /** Alpha, hybrid only [0.5]. */
    public Builder alpha(double v) {
      alpha = v;
      return this;
    }

    /** Languages to train on [all]. */
    public Builder languages(List<String> v) {
      languages = List.copyOf(Objects.requireNonNull(v, "languages"));
      return this;
    }

    /** Adds a training dataset. */
    public Builder dataset(DatasetSpec v) {
      datasets.add(Objects.requireNonNull(v, "dataset"));
      return this;
    }

    /** Adds a training dataset by path (layout detected). */
    public Builder trainData(Path path) {
      try {
        return dataset(DatasetSpec.of(path));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("trainData: " + e.getMessage(), e);
      }
    }

    /** Adds a validation dataset. */
    public Builder validationData(DatasetSpec v) {
      validationData.add(Objects.requireNonNull(v, "validation dataset"));
      return this;
    }

    /** Adds a validation dataset by path. */
    public Builder validationData(Path path) {
      try {
        return validationData(DatasetSpec.of(path));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("validationData: " + e.getMessage(), e);
      }
    }

    /** Hugging Face folder to start from (null: fresh encoder). */
    public Builder baseModel(Path v) {
      baseModel = v;
      return this;
    }

    /** Tokenizer folder or SentencePiece {@code .model} file (null: the base model's). */
    public Builder tokenizer(Path v) {
      tokenizer = v;
      return this;
    }

    /** Export the best checkpoint at the end [true]. */
    public Builder exportModel(boolean v) {
      exportModel = v;
      return this;
    }

    /** The validated config. */
    public TrainingJobConfig build() {
      return new TrainingJobConfig(this);
    }
  }

  /** Weights per dataset name, once the datasets are open and named. */
  static Map<String, Double> weightsByName(List<DatasetSpec> specs, List<String> names) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).weight() != null) {
        out.put(names.get(i), specs.get(i).weight());
      }
    }
    return out;
  }
}

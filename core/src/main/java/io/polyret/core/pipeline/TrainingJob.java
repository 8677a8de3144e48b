package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.data.JsonlDatasetReader;
import io.polyret.core.data.ParallelDataset;
import io.polyret.core.data.lareqa.CandidateText;
import io.polyret.core.data.lareqa.LareqaReader;
import io.polyret.core.data.mmarco.MmarcoDataset;
import io.polyret.core.sampling.Batch;
import io.polyret.core.sampling.HybridBatchSampler;
import io.polyret.core.sampling.SamplingConfig;
import io.polyret.core.sampling.Triplet;
import io.polyret.core.train.Trainer;
import io.polyret.core.train.TrainingConfig;
import io.polyret.core.train.TrainingListener;
import io.polyret.core.train.TrainingResult;
import io.polyret.core.train.WeightsInitializer;
import io.polyret.models.tokenizer.CloseableTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call that trains a retriever from a {@link TrainingJobConfig}: opens the datasets (JSON
 * lines, LAReQA or mMARCO), builds the {@link HybridBatchSampler} (x-x, x-y or hybrid), the
 * tokenizer and the {@link Trainer}, runs (or resumes) training, counts the languages seen per
 * batch kind, exports the best checkpoint as a {@link PolyretModel} folder and writes
 * {@value #SUMMARY_FILE} into the output folder.
 *
 * <pre>{@code
 * TrainingJobResult r = TrainingJob.run(TrainingJobConfig.fromJson(settings));
 * // or, with progress:
 * TrainingJobResult r = new TrainingJob(config).listener(progress).run();
 * }</pre>
 *
 * <p>The sampler's position is stored in every checkpoint by the trainer, so {@code resume}
 * continues with exactly the batches an uninterrupted run would have drawn.
 */
public final class TrainingJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Summary written into the output folder at the end. */
  public static final String SUMMARY_FILE = "training-summary.json";

  private final TrainingJobConfig config;
  private TrainingListener listener = new TrainingListener() {};
  private WeightsInitializer initialWeights;

  /** A job for {@code config}. */
  public TrainingJob(TrainingJobConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Runs a job without a listener. */
  public static TrainingJobResult run(TrainingJobConfig config) throws IOException {
    return new TrainingJob(config).run();
  }

  /** Progress callbacks (optional). */
  public TrainingJob listener(TrainingListener v) {
    listener = Objects.requireNonNull(v, "listener");
    return this;
  }

  /**
   * Starting weights of a fresh run, overriding the default (the base model's weights, or the
   * seeded random initialisation without one); e.g. {@link PolyretModel#weights} to continue
   * training an exported model.
   */
  public TrainingJob initialWeights(WeightsInitializer v) {
    initialWeights = Objects.requireNonNull(v, "initialWeights");
    return this;
  }

  /**
   * Trains, exports (unless {@code exportModel} is off) and summarises.
   *
   * @throws IllegalArgumentException for data that does not fit the config (unknown language,
   *     dataset smaller than a batch...), naming the field
   */
  public TrainingJobResult run() throws IOException {
    TrainingConfig training = config.training();
    List<ParallelDataset> train = new ArrayList<>();
    List<ParallelDataset> validation = new ArrayList<>();
    try (CloseableTokenizer tokenizer = Tokenizers.open(config.tokenizerSource())) {
      train.addAll(open(config.datasets(), "trainData"));
      requireKnownLanguages(train);
      List<String> names = train.stream().map(ParallelDataset::name).toList();
      SamplingConfig sampling = config.samplingConfig(TrainingJobConfig.weightsByName(config.datasets(), names));
      HybridBatchSampler sampler = sampler(train, sampling, "trainData");
      LOG.info("training on {} with {} sampling (alpha {}), {} batches per epoch", names,
          sampling.sampling().label(), sampling.alpha(), sampler.batchesPerEpoch());
      List<Triplet> validationTriplets = List.of();
      if (training.validateEvery() > 0) {
        validation.addAll(open(config.validationData(), "validationData"));
        validationTriplets = validationTriplets(validation, sampling);
      }
      List<DatasetSpec> all = new ArrayList<>(config.datasets());
      all.addAll(config.validationData());
      ObjectNode provenance = provenance(all);
      writeJobFile(provenance);

      TrainingResult result = Trainer.builder(training)
          .tokenizer(tokenizer)
          .sampler(sampler)
          .validation(validationTriplets)
          .listener(listener)
          .initialWeights(startingWeights())
          .build()
          .train();

      BatchLanguageSummary languages = BatchLanguageSummary.fromTrainingLog(result.log());
      LOG.info("languages seen per batch kind: {}", languages);
      Path model = null;
      if (config.exportModel()) {
        ObjectNode cardProvenance = provenance.deepCopy();
        cardProvenance.put("steps", result.stepsCompleted());
        cardProvenance.put("best_step", result.bestStep());
        if (!Double.isNaN(result.bestValidationLoss())) {
          cardProvenance.put("best_validation_loss", result.bestValidationLoss());
        }
        cardProvenance.set("batch_languages", languages.toJson());
        model = ModelExporter.export(result.bestCheckpoint(), config.tokenizerSource(), baseModelName(),
            cardProvenance, config.modelDirectory());
      }
      TrainingJobResult jobResult =
          new TrainingJobResult(result, languages, model, training.outputDir().resolve(SUMMARY_FILE));
      DataFiles.writeAtomically(jobResult.summaryFile(), summary(jobResult, provenance).toPrettyString());
      return jobResult;
    } finally {
      train.forEach(ParallelDataset::close);
      validation.forEach(ParallelDataset::close);
    }
  }

  private WeightsInitializer startingWeights() {
    if (initialWeights != null) {
      return initialWeights;
    }
    Path base = config.baseModel();
    if (base == null) {
      return WeightsInitializer.RANDOM;
    }
    return PolyretModel.isModelDirectory(base) ? PolyretModel.weights(base) : WeightsInitializer.fromHuggingFace(base);
  }

  private String baseModelName() {
    return config.baseModel() == null ? null : config.baseModel().toString();
  }

  /** Opens datasets in order; distinct names are required (they label batches and weights). */
  private List<ParallelDataset> open(List<DatasetSpec> specs, String field) {
    List<ParallelDataset> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    try {
      for (DatasetSpec spec : specs) {
        ParallelDataset d = open(spec, field);
        out.add(d);
        if (!names.add(d.name())) {
          throw new IllegalArgumentException(field + ": two datasets named '" + d.name() + "' (" + spec.path()
              + "); give them distinct names");
        }
        LOG.info("{}: {}", field, d.summary());
      }
      return out;
    } catch (RuntimeException e) {
      out.forEach(ParallelDataset::close);
      throw e;
    }
  }

  private ParallelDataset open(DatasetSpec spec, String field) {
    List<String> languages = config.languages();
    ParallelDataset d;
    try {
      d = switch (spec.format().resolve(spec.path())) {
        case JSONL -> JsonlDatasetReader.read(spec.path());
        case LAREQA -> LareqaReader.read(spec.path(), languages.isEmpty() ? null : languages)
            .toParallelDataset(CandidateText.SENTENCE);
        case MMARCO -> MmarcoDataset.open(spec.path(), languages, null);
        case AUTO -> throw new IllegalStateException("unresolved format");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + spec.path() + ": " + e.getMessage(), e);
    }
    return spec.name() == null || spec.name().equals(d.name()) ? d : new RenamedDataset(d, spec.name());
  }

  private void requireKnownLanguages(List<ParallelDataset> datasets) {
    TreeSet<String> found = new TreeSet<>();
    datasets.forEach(d -> found.addAll(d.languages()));
    for (String lang : config.languages()) {
      if (!found.contains(lang)) {
        throw new IllegalArgumentException(
            "languages: unknown language '" + lang + "'; languages found in the training data: " + found);
      }
    }
  }

  private static HybridBatchSampler sampler(List<ParallelDataset> data, SamplingConfig sampling, String field) {
    try {
      return new HybridBatchSampler(data, sampling);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  /**
   * The fixed validation set: one epoch of the same sampling over the validation data (seeded, so
   * every run and every resume validates on the same triplets). The batch size shrinks to the
   * smallest validation dataset when needed.
   */
  private static List<Triplet> validationTriplets(List<ParallelDataset> data, SamplingConfig sampling) {
    int smallest = data.stream().mapToInt(ParallelDataset::size).min().orElse(0);
    SamplingConfig forValidation = new SamplingConfig(sampling.sampling(), sampling.alpha(),
        Math.max(2, Math.min(sampling.batchSize(), smallest)), sampling.seed(), sampling.languages(), Map.of());
    HybridBatchSampler sampler = sampler(data, forValidation, "validationData");
    List<Triplet> out = new ArrayList<>();
    for (long i = 0; i < sampler.batchesPerEpoch(); i++) {
      Batch b = sampler.next();
      out.addAll(b.triplets());
    }
    return out;
  }

  private ObjectNode provenance(List<DatasetSpec> data) {
    ObjectNode n = JSON.createObjectNode();
    n.set("config", config.toJson());
    ArrayNode files = n.putArray("data");
    for (DatasetSpec d : data) {
      ObjectNode f = files.addObject();
      f.put("path", d.path().toString());
      f.put("format", d.format().resolve(d.path()).id());
      f.put("sha256", DataFiles.sha256(d.path()));
    }
    n.put("seed", config.training().seed());
    n.put("polyret_version", Versions.polyret());
    n.put("tensorflow_version", Versions.tensorflow());
    return n;
  }

  private void writeJobFile(ObjectNode provenance) throws IOException {
    ObjectNode job = JSON.createObjectNode();
    job.put("tokenizer_source", config.tokenizerSource().toAbsolutePath().toString());
    job.put("base_model", baseModelName());
    job.set("provenance", provenance);
    DataFiles.writeAtomically(config.training().outputDir().resolve(ModelExporter.JOB_FILE), job.toPrettyString());
  }

  private static ObjectNode summary(TrainingJobResult r, ObjectNode provenance) {
    ObjectNode n = JSON.createObjectNode();
    TrainingResult t = r.training();
    n.put("steps", t.stepsCompleted());
    n.put("last_loss", t.lastLoss());
    if (!Double.isNaN(t.bestValidationLoss())) {
      n.put("best_validation_loss", t.bestValidationLoss());
    }
    n.put("best_step", t.bestStep());
    n.put("best_checkpoint", String.valueOf(t.bestCheckpoint()));
    n.put("stopped_early", t.stoppedEarly());
    n.put("log", t.log().toString());
    if (r.model() != null) {
      n.put("model", r.model().toString());
    }
    n.set("batch_languages", r.languages().toJson());
    n.set("provenance", provenance);
    n.put("finished", Versions.now());
    return n;
  }
}

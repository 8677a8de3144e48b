package io.polyret.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.train.CheckpointManager;
import io.polyret.core.train.CheckpointState;
import io.polyret.core.train.Trainer;
import io.polyret.core.train.TrainingConfig;
import io.polyret.models.encoder.DenseHead;
import io.polyret.models.encoder.EncoderSavedModel;
import io.polyret.models.hf.HuggingFaceModel;
import io.polyret.models.encoder.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a training checkpoint into a self-contained polyret model folder:
 *
 * <ul>
 *   <li>{@code saved_model/}: TensorFlow SavedModel with the {@code encode} signature (int32
 *       {@code input_ids}, {@code attention_mask} in; L2-normalised {@code embedding} out), an
 *       inference graph without dropout or optimizer state;
 *   <li>the tokenizer's files ({@code sentencepiece.bpe.model} or {@code vocab.txt}, with
 *       {@code tokenizer_config.json} when there is one), the encoder's {@code config.json} and its
 *       weights as {@code model.safetensors}: the folder is also a Hugging Face checkpoint (for
 *       {@link HuggingFaceTextEncoder}, {@code baseModel}, or Python tools);
 *   <li>{@code polyret-model.json}: the {@link ModelCard} with the training provenance;
 *   <li>with a dense layer after pooling (a sentence-transformers model such as LaBSE): the
 *       trained layer in the SavedModel and, as in the source, a sentence-transformers layout
 *       ({@code modules.json}, {@code 1_Pooling/}, {@code 2_Dense/} with its own
 *       {@code model.safetensors}, {@code 3_Normalize/}).
 * </ul>
 *
 * Everything is written into a temporary folder beside the target and renamed at the end, so a
 * failed export leaves nothing behind and an existing model is replaced only by a complete one.
 */
public final class ModelExporter {
  private static final Logger LOG = LoggerFactory.getLogger(ModelExporter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Provenance file a training job writes into its output folder (read by {@link #exportRun}). */
  public static final String JOB_FILE = "training-job.json";
  /** The weights in Hugging Face layout, beside {@code config.json}. */
  public static final String SAFETENSORS = "model.safetensors";

  private ModelExporter() {}

  /**
   * Exports one checkpoint.
   *
   * @param checkpoint a checkpoint folder ({@code <output>/checkpoints/step-N}); verified first
   * @param tokenizer tokenizer folder or SentencePiece {@code .model} file the model was trained with
   * @param baseModel the base checkpoint's name or path for the card; null for a fresh model
   * @param provenance extra training provenance for the card (data, metrics...); may be null
   * @param modelDir the model folder to write (replaced if it exists)
   * @return {@code modelDir}
   */
  public static Path export(Path checkpoint, Path tokenizer, String baseModel, ObjectNode provenance, Path modelDir)
      throws IOException {
    CheckpointManager.Checkpoint c = CheckpointManager.verify(checkpoint);
    CheckpointState state = c.state();
    TrainingConfig training = TrainingConfig.fromJson(state.config());
    ObjectNode trainingNode = provenance == null ? JSON.createObjectNode() : provenance.deepCopy();
    trainingNode.put("checkpoint", checkpoint.toString());
    trainingNode.put("step", state.step());
    trainingNode.put("seed", training.seed());
    if (!trainingNode.has("config")) {
      trainingNode.set("config", training.toJson());
    }
    Path target = modelDir.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling("." + target.getFileName() + ".partial-" + System.nanoTime());
    try {
      Files.createDirectories(tmp);
      boolean withPooler = training.pooling() == Pooling.POOLER;
      DenseHead dense = training.denseHead().orElse(null);
      EncoderSavedModel.export(tmp.resolve(PolyretModel.SAVED_MODEL), training.encoder(), withPooler, dense,
          training.pooling(), EncoderSavedModel.checkpoint(c.variablesPrefix()));
      try (CheckpointWeights weights =
          new CheckpointWeights(c.variablesPrefix(), training.encoder(), withPooler, dense)) {
        weights.writeSafetensors(tmp.resolve(SAFETENSORS));
        if (dense != null) {
          writeSentenceTransformersModules(tmp, training, weights);
        }
      }
      String tokenizerFile = Tokenizers.copy(tokenizer, tmp);
      Files.writeString(tmp.resolve("config.json"), training.encoder().toJson().toPrettyString());
      ModelCard card = new ModelCard(baseModel, training.encoder(), training.pooling(),
          training.embeddingSize(), training.queryPrefix(), training.passagePrefix(),
          training.queryMaxLength(), training.passageMaxLength(), tokenizerFile, trainingNode, Versions.polyret(),
          Versions.tensorflow(), Versions.now(), dense);
      Files.writeString(tmp.resolve(ModelCard.FILE), card.toJson().toPrettyString());
      replace(tmp, target);
    } catch (IOException | RuntimeException e) {
      DataFiles.deleteRecursively(tmp);
      throw e;
    }
    LOG.info("exported {} (step {}) to {}", checkpoint, state.step(), target);
    return modelDir;
  }

  /**
   * Makes the folder a sentence-transformers one, so that Hugging Face tools (and {@link
   * HuggingFaceTextEncoder}, or {@code baseModel}) see the dense layer too: {@code modules.json}
   * with the Transformer at the root, the Pooling (cls or mean; the BERT pooler has no
   * sentence-transformers module and is then left to the card), the Dense module with
   * {@code linear.weight}/{@code linear.bias}, and Normalize.
   */
  private static void writeSentenceTransformersModules(Path dir, TrainingConfig training, CheckpointWeights weights)
      throws IOException {
    DenseHead dense = training.denseHead().orElseThrow();
    com.fasterxml.jackson.databind.node.ArrayNode modules = JSON.createArrayNode();
    addModule(modules, "", "sentence_transformers.models.Transformer");
    if (training.pooling() != Pooling.POOLER) {
      Path poolingDir = Files.createDirectories(dir.resolve("1_Pooling"));
      ObjectNode p = JSON.createObjectNode();
      p.put("word_embedding_dimension", training.encoder().hiddenSize());
      p.put("pooling_mode_cls_token", training.pooling() == Pooling.CLS);
      p.put("pooling_mode_mean_tokens", training.pooling() == Pooling.MEAN);
      p.put("pooling_mode_max_tokens", false);
      p.put("pooling_mode_mean_sqrt_len_tokens", false);
      Files.writeString(poolingDir.resolve("config.json"), p.toPrettyString());
      addModule(modules, "1_Pooling", "sentence_transformers.models.Pooling");
    }
    Path denseDir = Files.createDirectories(dir.resolve("2_Dense"));
    ObjectNode d = JSON.createObjectNode();
    d.put("in_features", dense.inFeatures());
    d.put("out_features", dense.outFeatures());
    d.put("bias", dense.bias());
    d.put("activation_function", dense.activation() == DenseHead.Activation.TANH
        ? "torch.nn.modules.activation.Tanh" : "torch.nn.modules.linear.Identity");
    Files.writeString(denseDir.resolve("config.json"), d.toPrettyString());
    weights.writeDenseSafetensors(denseDir.resolve(SAFETENSORS));
    addModule(modules, "2_Dense", "sentence_transformers.models.Dense");
    Files.createDirectories(dir.resolve("3_Normalize"));
    addModule(modules, "3_Normalize", "sentence_transformers.models.Normalize");
    Files.writeString(dir.resolve("modules.json"), modules.toPrettyString());
  }

  private static void addModule(com.fasterxml.jackson.databind.node.ArrayNode modules, String path, String type) {
    ObjectNode m = modules.addObject();
    m.put("idx", modules.size() - 1);
    m.put("name", String.valueOf(modules.size() - 1));
    m.put("path", path);
    m.put("type", type);
  }

  /**
   * Exports the best checkpoint of a finished training job's output folder (the lowest validation
   * loss; the last checkpoint without validation), using the tokenizer and data recorded in its
   * {@value #JOB_FILE}.
   */
  public static Path exportRun(Path runDirectory, Path modelDir) throws IOException {
    Path jobFile = runDirectory.resolve(JOB_FILE);
    if (!Files.isRegularFile(jobFile)) {
      throw new IllegalArgumentException(runDirectory + ": no " + JOB_FILE + "; not the output of a training job");
    }
    JsonNode job = JSON.readTree(jobFile.toFile());
    return export(bestCheckpoint(runDirectory), Path.of(job.path("tokenizer_source").asText()),
        job.hasNonNull("base_model") ? job.get("base_model").asText() : null, (ObjectNode) job.path("provenance"),
        modelDir);
  }

  /**
   * Exports what the {@code export} command names: a training job's output folder (its best
   * checkpoint) or one checkpoint folder of such a run ({@code <output>/checkpoints/step-N}), with
   * the tokenizer and provenance recorded in the run's {@value #JOB_FILE}.
   */
  public static Path export(Path checkpointOrRun, Path modelDir) throws IOException {
    if (Files.isRegularFile(checkpointOrRun.resolve(JOB_FILE))) {
      return exportRun(checkpointOrRun, modelDir);
    }
    Path absolute = checkpointOrRun.toAbsolutePath().normalize();
    Path run = absolute.getParent() == null ? null : absolute.getParent().getParent();
    if (!Files.isRegularFile(absolute.resolve(CheckpointManager.MANIFEST)) || run == null
        || !Files.isRegularFile(run.resolve(JOB_FILE))) {
      throw new IllegalArgumentException("checkpoint: " + checkpointOrRun + " is neither a training job's output "
          + "folder nor a checkpoint folder inside one (expected " + JOB_FILE + " or " + CheckpointManager.MANIFEST + ")");
    }
    JsonNode job = JSON.readTree(run.resolve(JOB_FILE).toFile());
    return export(absolute, Path.of(job.path("tokenizer_source").asText()),
        job.hasNonNull("base_model") ? job.get("base_model").asText() : null, (ObjectNode) job.path("provenance"),
        modelDir);
  }

  /**
   * Imports a Hugging Face checkpoint folder as a polyret model folder, without training: the
   * card records the method's prefixes ({@code "Query: "}, {@code "Passage: "}), max lengths 64 and
   * 256, and the folder's pooling (sentence-transformers) or the model type's default ({@code cls}
   * for BERT-family models, {@code mean} for XLM-R).
   */
  public static Path importHuggingFace(Path source, Path modelDir) throws IOException {
    Path target = modelDir.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling("." + target.getFileName() + ".partial-" + System.nanoTime());
    try (HuggingFaceModel hf = HuggingFaceModel.open(source)) {
      Files.createDirectories(tmp);
      Pooling pooling = hf.pooling().orElse(hf.config().isXlmRoberta() ? Pooling.MEAN : Pooling.CLS);
      DenseHead dense = hf.denseHead().orElse(null);
      EncoderSavedModel.export(tmp.resolve(PolyretModel.SAVED_MODEL), hf.config(), hf.hasPooler(), dense, pooling,
          (session, vars) -> hf.loadInto(session, vars));
      String tokenizerFile = Tokenizers.copy(source, tmp);
      Files.writeString(tmp.resolve("config.json"), hf.config().toJson().toPrettyString());
      ObjectNode provenance = JSON.createObjectNode();
      provenance.put("imported_from", source.toAbsolutePath().toString());
      ModelCard card = new ModelCard(source.toString(), hf.config(), pooling,
          dense == null ? hf.config().hiddenSize() : dense.outFeatures(), "Query: ", "Passage: ", 64, 256,
          tokenizerFile, provenance, Versions.polyret(), Versions.tensorflow(), Versions.now(), dense);
      Files.writeString(tmp.resolve(ModelCard.FILE), card.toJson().toPrettyString());
      replace(tmp, target);
    } catch (IOException | RuntimeException e) {
      DataFiles.deleteRecursively(tmp);
      throw e;
    }
    LOG.info("imported {} as {}", source, target);
    return modelDir;
  }

  /** The best checkpoint of a run: lowest validation loss, else the latest; verified. */
  public static Path bestCheckpoint(Path runDirectory) throws IOException {
    CheckpointManager checkpoints = new CheckpointManager(runDirectory.resolve(Trainer.CHECKPOINTS));
    Optional<CheckpointManager.Checkpoint> latest = checkpoints.latestValid(p -> LOG.warn(p));
    if (latest.isEmpty()) {
      throw new IllegalArgumentException(runDirectory + ": no valid checkpoint in " + checkpoints.directory());
    }
    long best = latest.get().state().bestStep();
    Map<Long, Path> all = checkpoints.list();
    if (best >= 0 && all.containsKey(best)) {
      return all.get(best);
    }
    return latest.get().directory();
  }

  private static void replace(Path tmp, Path target) throws IOException {
    if (!Files.exists(target)) {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    DataFiles.deleteRecursively(old);
  }
}

package io.polyret.core.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.eval.EncodingOptions;
import io.polyret.core.pipeline.ModelCard;
import io.polyret.core.pipeline.PolyretModel;
import io.polyret.models.encoder.EncoderSavedModel;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.hf.HuggingFaceModel;
import io.polyret.models.hf.ImportReport;
import io.polyret.models.tokenizer.HfTokenizerConfig;
import io.polyret.models.tokenizer.TokenizerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code import} engine: turns a Hugging Face model directory ({@code config.json},
 * {@code model.safetensors}, {@code sentencepiece.bpe.model} or {@code vocab.txt}, optionally a
 * sentence-transformers pooling and dense head) into a polyret model directory that
 * {@code evaluate} and {@link PolyretModel} load: {@code saved_model/}, the tokenizer files,
 * {@code config.json} and {@code polyret-model.json}. Written beside the target and renamed, so a
 * failure leaves nothing behind.
 */
public final class ImportEngine implements CommandEngine {
    private static final Set<String> KEYS = Set.of("source", "outputDir");
    private static final List<String> TOKENIZER_FILES = List.of(TokenizerFactory.SENTENCEPIECE_MODEL,
            TokenizerFactory.WORDPIECE_VOCAB, HfTokenizerConfig.TOKENIZER_CONFIG, HfTokenizerConfig.SPECIAL_TOKENS_MAP);

    @Override
    public void run(ObjectNode settings, CommandContext context) throws IOException {
        Settings.refuseUnknown(settings, KEYS, "import");
        Path source = Settings.existingDirectory(settings, "source", "Hugging Face model directory");
        if (!Files.isRegularFile(source.resolve("config.json"))) {
            throw new IllegalArgumentException("source: " + source + " has no config.json (not a Hugging Face model directory)");
        }
        Path target = Path.of(Settings.requiredText(settings, "outputDir", "model directory to write")).toAbsolutePath();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("outputDir: " + target + " already exists");
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + ".partial-" + System.nanoTime());
        try (HuggingFaceModel hf = HuggingFaceModel.open(source)) {
            Pooling pooling = hf.pooling().orElse(hf.config().isXlmRoberta() ? Pooling.MEAN : Pooling.CLS);
            Files.createDirectories(tmp);
            ImportReport[] report = new ImportReport[1];
            EncoderSavedModel.export(tmp.resolve(PolyretModel.SAVED_MODEL), hf.config(), hf.hasPooler(),
                    hf.denseHead().orElse(null), pooling, (session, vars) -> report[0] = hf.loadInto(session, vars));
            String tokenizer = copyTokenizer(source, tmp);
            Files.writeString(tmp.resolve("config.json"), hf.config().toJson().toPrettyString());
            EncodingOptions encoding = EncodingOptions.defaults();
            int embeddingSize = hf.denseHead().map(d -> d.outFeatures()).orElse(hf.config().hiddenSize());
            ObjectNode provenance = JsonNodeFactory.instance.objectNode();
            provenance.put("imported_from", source.toAbsolutePath().toString());
            provenance.put("ignored_tensors", String.join(",", hf.ignoredTensors()));
            ModelCard card = new ModelCard(source.toAbsolutePath().toString(), hf.config(), pooling, embeddingSize,
                    encoding.queryPrefix(), encoding.passagePrefix(), encoding.queryMaxLength(),
                    encoding.passageMaxLength(), tokenizer, provenance, version(), org.tensorflow.TensorFlow.version(), Instant.now().toString());
            Files.writeString(tmp.resolve(ModelCard.FILE), card.toJson().toPrettyString());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            context.out().println("imported " + source + " (" + hf.config().numHiddenLayers() + " layers, hidden "
                    + hf.config().hiddenSize() + ", " + pooling.id() + " pooling"
                    + (report[0] == null ? "" : ", " + report[0].loaded().size() + " tensors") + ") to " + target);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(tmp);
            throw e;
        }
    }

    private static String copyTokenizer(Path source, Path modelDir) throws IOException {
        for (String name : TOKENIZER_FILES) {
            Path file = source.resolve(name);
            if (Files.isRegularFile(file)) {
                Files.copy(file, modelDir.resolve(name));
            }
        }
        if (Files.isRegularFile(modelDir.resolve(TokenizerFactory.SENTENCEPIECE_MODEL))) {
            return TokenizerFactory.SENTENCEPIECE_MODEL;
        }
        if (Files.isRegularFile(modelDir.resolve(TokenizerFactory.WORDPIECE_VOCAB))) {
            return TokenizerFactory.WORDPIECE_VOCAB;
        }
        throw new IllegalArgumentException("source: no " + TokenizerFactory.SENTENCEPIECE_MODEL + " or "
                + TokenizerFactory.WORDPIECE_VOCAB + " in " + source);
    }

    private static String version() {
        String version = ImportEngine.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

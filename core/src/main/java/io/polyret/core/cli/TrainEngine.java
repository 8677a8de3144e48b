package io.polyret.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.pipeline.TrainingJob;
import io.polyret.core.pipeline.TrainingJobConfig;
import io.polyret.core.pipeline.TrainingJobResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code train} engine: a {@link TrainingJob} over the settings (the fields of
 * {@link TrainingJobConfig}; {@code encoder} may also be the path of a Hugging Face
 * {@code config.json}), with progress lines. The whole configuration, the data files and the
 * sampling are checked before the first step; the trained model lands in
 * {@code <outputDir>/model}.
 */
public final class TrainEngine implements CommandEngine {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void run(ObjectNode settings, CommandContext context) throws IOException {
        TrainingJobConfig config = TrainingJobConfig.fromJson(withEncoderFile(settings));
        TrainingJobResult result = new TrainingJob(config)
                .listener(new TrainingProgress(context.out(), context.err(), System::nanoTime))
                .run();
        context.out().printf(java.util.Locale.ROOT, "trained %d steps; final loss %.4f%n",
                result.training().stepsCompleted(), result.training().lastLoss());
        if (result.model() != null) {
            context.out().println("model: " + result.model().toAbsolutePath());
        }
        context.out().println("training log: " + result.training().log().toAbsolutePath());
    }

    /** Settings where a textual {@code encoder} (a config.json path) is replaced by the file's object. */
    static ObjectNode withEncoderFile(ObjectNode settings) {
        JsonNode encoder = settings.get("encoder");
        if (encoder == null || !encoder.isTextual()) {
            return settings;
        }
        Path file = Path.of(encoder.asText());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("encoder: file " + file + " does not exist");
        }
        ObjectNode copy = settings.deepCopy();
        try {
            copy.set("encoder", JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("encoder: cannot read " + file + " as JSON: " + e.getMessage(), e);
        }
        return copy;
    }
}

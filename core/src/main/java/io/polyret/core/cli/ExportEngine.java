package io.polyret.core.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.pipeline.ModelExporter;
import io.polyret.core.pipeline.PolyretModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code export} engine: writes the best checkpoint of a training output directory
 * ({@code model}: the {@code outputDir} of {@code train}) as a polyret model directory
 * ({@code outputDir}): a TensorFlow SavedModel ({@code saved_model/}), the tokenizer,
 * {@code config.json} and {@code polyret-model.json}.
 */
public final class ExportEngine implements CommandEngine {
    private static final Set<String> KEYS = Set.of("model", "outputDir");

    @Override
    public void run(ObjectNode settings, CommandContext context) throws IOException {
        Settings.refuseUnknown(settings, KEYS, "export");
        Path run = Settings.existingDirectory(settings, "model", "training output directory");
        Path output = Path.of(Settings.requiredText(settings, "outputDir", "model directory to write"));
        if (PolyretModel.isModelDirectory(run)) {
            throw new IllegalArgumentException("model: " + run + " is already an exported polyret model;"
                    + " give the training output directory (the outputDir of train)");
        }
        if (!Files.isRegularFile(run.resolve(ModelExporter.JOB_FILE))) {
            throw new IllegalArgumentException("model: " + run + " has no " + ModelExporter.JOB_FILE
                    + "; give the training output directory (the outputDir of train)");
        }
        Path model = ModelExporter.exportRun(run, output);
        context.out().println("exported " + ModelExporter.bestCheckpoint(run) + " to " + model.toAbsolutePath());
    }
}

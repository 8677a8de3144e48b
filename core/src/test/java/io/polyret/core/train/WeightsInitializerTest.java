package io.polyret.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.models.config.EncoderConfig;
import io.polyret.models.hf.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run can start from a Hugging Face model folder instead of the seeded random weights. */
class WeightsInitializerTest {
  @TempDir Path tmp;

  @Test
  void freshRunStartsFromHuggingFaceWeights() throws Exception {
    // A "pre-trained" model: the weights after a short run with another seed, written as safetensors.
    Path pre = tmp.resolve("pre");
    TrainingConfig preConfig = TinyFixture.config(pre).seed(101).steps(3).warmupSteps(1).build();
    TrainingResult preRun = TrainerTest.train(preConfig, TinyFixture.triplets(24, 1, false), List.of());
    Map<String, float[]> expected = TinyFixture.weights(preRun.lastCheckpoint(), preConfig.encoder());
    Path hf = Files.createDirectories(tmp.resolve("hf"));
    EncoderConfig encoder = preConfig.encoder();
    Files.writeString(hf.resolve("config.json"), encoder.toJson().toString());
    List<SafetensorsWriter.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, float[]> e : expected.entrySet()) {
      long[] shape = io.polyret.models.encoder.EncoderVariables.declare(encoder, false).get(e.getKey()).asArray();
      entries.add(SafetensorsWriter.Entry.of(e.getKey(), shape, e.getValue()));
    }
    SafetensorsWriter.write(hf.resolve("model.safetensors"), entries, Map.of("format", "pt"));

    // One step with a negligible learning rate keeps the imported weights (up to ~1e-9).
    Path out = tmp.resolve("fine-tune");
    TrainingConfig config =
        TinyFixture.config(out).encoder(EncoderConfig.read(hf.resolve("config.json"))).learningRate(1e-9)
            .schedule("constant").steps(1).warmupSteps(0).build();
    TrainingResult r = Trainer.builder(config)
        .tokenizer(new TinyFixture.WordTokenizer())
        .sampler(TinyFixture.sampler(TinyFixture.triplets(24, 2, false), config))
        .initialWeights(WeightsInitializer.fromHuggingFace(hf))
        .build()
        .train();
    Map<String, float[]> actual = TinyFixture.weights(r.lastCheckpoint(), config.encoder());
    Map<String, float[]> randomInit = TinyFixture.weights(
        TrainerTest.train(config.toBuilder().outputDir(tmp.resolve("random")).build(),
            TinyFixture.triplets(24, 2, false), List.of()).lastCheckpoint(), config.encoder());
    double imported = 0;
    double random = 0;
    for (String name : expected.keySet()) {
      for (int i = 0; i < expected.get(name).length; i++) {
        imported = Math.max(imported, Math.abs(expected.get(name)[i] - actual.get(name)[i]));
        random = Math.max(random, Math.abs(expected.get(name)[i] - randomInit.get(name)[i]));
      }
    }
    assertTrue(imported < 1e-6, "imported weights moved by " + imported);
    assertTrue(random > 1e-2, "the random initialisation differs: " + random);
  }
}

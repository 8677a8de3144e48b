package io.polyret.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.EncoderSavedModel;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.tokenizer.CloseableTokenizer;
import io.polyret.models.tokenizer.TokenizerFactory;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.SettingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real (tiny, randomly initialised) TF encoder export behind the evaluation engine. */
class SavedModelTextEncoderTest {

  static Path exportTinyModel(Path tmp) throws IOException {
    Path sp = Path.of(System.getProperty("polyret.shared.dir", "../shared"), "data",
        "sentencepiece", "test_model.model");
    assumeTrue(Files.isRegularFile(sp), "shared SentencePiece model absent at " + sp);
    Path dir = Files.createDirectories(tmp.resolve("tokenizer"));
    Files.copy(sp, dir.resolve(TokenizerFactory.SENTENCEPIECE_MODEL));
    int vocab;
    try (CloseableTokenizer t = TokenizerFactory.fromModelDirectory(dir)) {
      vocab = t.vocabularySize();
    }
    EncoderConfig config = EncoderConfig.builder().modelType("xlm-roberta").vocabSize(vocab)
        .hiddenSize(16).numHiddenLayers(1).numAttentionHeads(2).intermediateSize(32)
        .maxPositionEmbeddings(40).typeVocabSize(1).padTokenId(1).build();
    Path model = tmp.resolve("model");
    EncoderSavedModel.export(model, config, false, null, Pooling.MEAN,
        (session, vars) -> session.run(vars.initializer()));
    return model;
  }

  @Test
  void encodesNormalisedEmbeddingsIndependentOfBatchPadding(@TempDir Path tmp) throws IOException {
    Path model = exportTinyModel(tmp);
    try (SavedModelTextEncoder e = SavedModelTextEncoder.open(model, tmp.resolve("tokenizer"))) {
      assertEquals(16, e.dimension());
      float[] alone = e.encode(List.of("a short text"), 32)[0];
      float[][] batch = e.encode(List.of("a much longer text that needs more padding on the "
          + "short one", "a short text"), 32);
      double norm = 0;
      for (int i = 0; i < 16; i++) {
        assertEquals(alone[i], batch[1][i], 1e-5, "padding changed the embedding, dim " + i);
        norm += alone[i] * alone[i];
      }
      assertEquals(1.0, norm, 1e-4);
      assertNotEquals(batch[0][0], batch[1][0]);
      assertTrue(e.fingerprint().startsWith("savedmodel:"));
    }
  }

  @Test
  void evaluatesALareqaFolderEndToEnd(@TempDir Path tmp) throws IOException {
    Path model = exportTinyModel(tmp);
    Path data = Files.createDirectories(tmp.resolve("lareqa"));
    EvaluationTest.writeLareqa(data, "de", true);
    EvaluationTest.writeLareqa(data, "en", true);
    EvaluationConfig config = EvaluationConfig.defaults(data, tmp.resolve("result.json"));
    try (SavedModelTextEncoder e = SavedModelTextEncoder.open(model, tmp.resolve("tokenizer"))) {
      EvaluationResult r = Evaluation.run(config, e, model.toString());
      var b = r.benchmarks().get(0);
      assertEquals(4, b.find(SettingResult.MONOLINGUAL, "de", "de").orElseThrow().queries());
      double map = b.macro(SettingResult.MULTILINGUAL, "map").orElseThrow();
      assertTrue(map > 0 && map <= 1, "map " + map);
      assertTrue(Files.isRegularFile(tmp.resolve("result.json")));

      // The settings route the command line takes: model + tokenizer + config fields.
      com.fasterxml.jackson.databind.node.ObjectNode settings =
          new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      settings.put("model", model.toString());
      settings.put("tokenizer", tmp.resolve("tokenizer").toString());
      settings.put("data", data.toString());
      settings.put("output", tmp.resolve("result2.json").toString());
      EvaluationResult viaSettings = Evaluation.run(settings);
      assertEquals(r.benchmarks(), viaSettings.benchmarks());
    }
  }
}

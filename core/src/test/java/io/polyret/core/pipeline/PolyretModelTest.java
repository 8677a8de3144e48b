package io.polyret.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** A real (tiny, randomly initialised) TF model folder loaded as a {@link PolyretModel} and evaluated. */
class PolyretModelTest {

  /**
   * A polyret model folder with a randomly initialised hidden-16 XLM-R-type encoder (max 40
   * positions) and the shared SentencePiece test model; {@code vocabShrink} ids fewer than the
   * tokenizer's in the model's vocabulary.
   */
  static Path writeTinyModel(Path tmp, int vocabShrink) throws IOException {
    Path sp = Path.of(System.getProperty("polyret.shared.dir", "../shared"), "data",
        "sentencepiece", "test_model.model");
    assumeTrue(Files.isRegularFile(sp), "shared SentencePiece model absent at " + sp);
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.copy(sp, model.resolve(TokenizerFactory.SENTENCEPIECE_MODEL));
    int vocab;
    try (CloseableTokenizer t = TokenizerFactory.fromModelDirectory(model)) {
      vocab = t.vocabularySize();
    }
    EncoderConfig config = EncoderConfig.builder().modelType("xlm-roberta").vocabSize(vocab - vocabShrink)
        .hiddenSize(16).numHiddenLayers(1).numAttentionHeads(2).intermediateSize(32)
        .maxPositionEmbeddings(40).typeVocabSize(1).padTokenId(1).build();
    EncoderSavedModel.export(model.resolve(PolyretModel.SAVED_MODEL), config, false, null, Pooling.MEAN,
        (session, vars) -> session.run(vars.initializer()));
    ModelCard card = new ModelCard("random", config, Pooling.MEAN, 16, "Query: ", "Passage: ", 16, 32,
        TokenizerFactory.SENTENCEPIECE_MODEL, null, null, null, null);
    Files.writeString(model.resolve(ModelCard.FILE), card.toJson().toPrettyString());
    return model;
  }

  @Test
  void encodesNormalisedEmbeddingsIndependentOfBatchPadding(@TempDir Path tmp) throws IOException {
    Path dir = writeTinyModel(tmp, 0);
    String fingerprint;
    try (PolyretModel e = PolyretModel.load(dir)) {
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
      // A max length beyond the 40 position embeddings is capped, not an error.
      String longText = "word ".repeat(200);
      assertEquals(16, e.encode(List.of(longText), 512)[0].length);
      fingerprint = e.fingerprint();
      assertTrue(fingerprint.startsWith("polyret-model:"), fingerprint);
      assertEquals(fingerprint, e.fingerprint());
    }
    // Every file of the folder is hashed (weights included): caches never mix models.
    Files.writeString(Files.createDirectories(dir.resolve(PolyretModel.SAVED_MODEL).resolve("assets"))
        .resolve("note.txt"), "changed");
    try (PolyretModel e = PolyretModel.load(dir)) {
      assertNotEquals(fingerprint, e.fingerprint());
    }
  }

  @Test
  void aTokenizerLargerThanTheVocabularyIsRefused(@TempDir Path tmp) throws IOException {
    Path dir = writeTinyModel(tmp, 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolyretModel.load(dir));
    assertTrue(e.getMessage().contains("vocabulary"), e.getMessage());
  }

  @Test
  void evaluatesALareqaFolderEndToEnd(@TempDir Path tmp) throws IOException {
    Path model = writeTinyModel(tmp, 0);
    Path data = Files.createDirectories(tmp.resolve("lareqa"));
    EvaluationJobSettingsTest.writeLareqa(data, "de", true);
    EvaluationJobSettingsTest.writeLareqa(data, "en", true);
    EvaluationResult r = EvaluationJob.run(EvaluationJobConfig.of(model, data, tmp.resolve("result.json")));
    var b = r.benchmarks().get(0);
    assertEquals(4, b.find(SettingResult.MONOLINGUAL, "de", "de").orElseThrow().queries());
    double map = b.macro(SettingResult.MULTILINGUAL, "map").orElseThrow();
    assertTrue(map > 0 && map <= 1, "map " + map);
    assertTrue(Files.isRegularFile(tmp.resolve("result.json")));

    // The settings route the command line takes.
    ObjectNode settings = new ObjectMapper().createObjectNode();
    settings.put("model", model.toString());
    settings.put("data", data.toString());
    settings.put("output", tmp.resolve("result2.json").toString());
    EvaluationResult viaSettings = EvaluationJob.run(EvaluationJobConfig.fromJson(settings));
    assertEquals(r.benchmarks(), viaSettings.benchmarks());
  }
}

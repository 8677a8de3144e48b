package io.polyret.core.pipeline;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.polyret.core.train.TrainingConfig;
import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.tokenizer.SentencePieceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed demo corpus ({@code examples/demo-data}) and a tiny model for it. */
final class DemoData {
  private DemoData() {}

  /** The demo folder beside this module; the test is skipped when it is not there. */
  static Path folder() {
    Path dir = Path.of("..", "examples", "demo-data").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(dir.resolve("train.jsonl")),
        "examples/demo-data is not beside this module (not a source checkout): " + dir);
    return dir;
  }

  static Path tokenizer() {
    return folder().resolve("sentencepiece.bpe.model");
  }

  /** Hidden 32, 1 layer, XLM-R layout, vocabulary of the demo SentencePiece model. */
  static EncoderConfig encoder() throws IOException {
    int vocab;
    try (SentencePieceTokenizer t = SentencePieceTokenizer.openXlmRoberta(tokenizer())) {
      vocab = t.vocabularySize();
    }
    return EncoderConfig.builder()
        .modelType("xlm-roberta")
        .vocabSize(vocab)
        .hiddenSize(32)
        .numHiddenLayers(1)
        .numAttentionHeads(2)
        .intermediateSize(64)
        .maxPositionEmbeddings(40)
        .typeVocabSize(1)
        .padTokenId(1)
        .hiddenDropoutProb(0.1)
        .attentionProbsDropoutProb(0.1)
        .build();
  }

  /** A few steps of the tiny model, writing into {@code out}. */
  static TrainingConfig.Builder training(Path out) throws IOException {
    return TrainingConfig.builder()
        .encoder(encoder())
        .pooling(Pooling.MEAN)
        .queryMaxLength(32)
        .passageMaxLength(32)
        .batchSize(8)
        .learningRate(1e-3)
        .schedule("constant")
        .warmupSteps(0)
        .steps(6)
        .seed(11)
        .outputDir(out);
  }
}

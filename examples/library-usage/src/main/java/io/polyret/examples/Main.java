package io.polyret.examples;

import io.polyret.core.pipeline.EvaluationJob;
import io.polyret.core.pipeline.EvaluationJobConfig;
import io.polyret.core.pipeline.PolyretModel;
import io.polyret.core.pipeline.ReportJob;
import io.polyret.core.pipeline.TrainingJob;
import io.polyret.core.pipeline.TrainingJobConfig;
import io.polyret.core.pipeline.TrainingJobResult;
import io.polyret.core.train.TrainingConfig;
import io.polyret.models.config.EncoderConfig;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.tokenizer.SentencePieceTokenizer;
import io.polyret.reports.model.BenchmarkResult;
import io.polyret.reports.model.EvaluationResult;
import io.polyret.reports.model.SettingResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Trains a tiny multilingual retriever on polyret's demo corpus with hybrid batch sampling,
 * evaluates it on the demo's LAReQA split, writes an HTML report and encodes a few texts with the
 * exported model.
 *
 * <p>Arguments (both optional): the demo-data folder [../demo-data] and a work folder
 * [target/polyret-demo].
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Path demo = Path.of(args.length > 0 ? args[0] : "../demo-data");
    Path work = Path.of(args.length > 1 ? args[1] : "target/polyret-demo");
    Path tokenizer = demo.resolve("sentencepiece.bpe.model");

    // 1. A tiny encoder (hidden 32, one layer) sized to the demo tokenizer; a real run would start
    //    from a Hugging Face checkpoint instead: .baseModel(Path.of("xlm-roberta-base")).
    int vocabulary;
    try (SentencePieceTokenizer t = SentencePieceTokenizer.openXlmRoberta(tokenizer)) {
      vocabulary = t.vocabularySize();
    }
    EncoderConfig encoder = EncoderConfig.builder().modelType("xlm-roberta").vocabSize(vocabulary)
        .hiddenSize(32).numHiddenLayers(1).numAttentionHeads(2).intermediateSize(64)
        .maxPositionEmbeddings(40).typeVocabSize(1).padTokenId(1).build();

    // 2. Train: hybrid sampling (alpha 0.5) over the demo's 8 languages, validation every 10 steps.
    TrainingJobConfig job = TrainingJobConfig.builder()
        .training(TrainingConfig.builder()
            .encoder(encoder).pooling(Pooling.MEAN)
            .queryMaxLength(32).passageMaxLength(32)
            .batchSize(16).learningRate(1e-3).steps(20).validateEvery(10)
            .seed(42).outputDir(work.resolve("run")).resume(true)
            .build())
        .trainData(demo.resolve("train.jsonl"))
        .validationData(demo.resolve("validation.jsonl"))
        .tokenizer(tokenizer)
        .sampling("hybrid").alpha(0.5)
        .build();
    TrainingJobResult trained = TrainingJob.run(job);
    System.out.println("trained " + trained.training().stepsCompleted() + " steps; best validation loss "
        + trained.training().bestValidationLoss() + "; batches: " + trained.languages());

    // 3. Evaluate the exported model on the demo's LAReQA split and write a report.
    Path evaluationFile = work.resolve("evaluation.json");
    EvaluationResult evaluation = EvaluationJob.run(
        EvaluationJobConfig.of(trained.model(), demo.resolve("eval"), evaluationFile));
    BenchmarkResult benchmark = evaluation.benchmarks().get(0);
    for (String setting : benchmark.settingNames()) {
      System.out.printf("%s mAP %.3f%n", setting, benchmark.macro(setting, "map").orElse(Double.NaN));
    }
    Path report = ReportJob.report(List.of(evaluationFile), List.of(trained.training().log()),
        work.resolve("report"));
    System.out.println("report: " + report.toAbsolutePath());

    // 4. Encode with the exported model (prefixes and max lengths from its card).
    try (PolyretModel model = PolyretModel.load(trained.model())) {
      float[][] query = model.encodeQueries(List.of("Wie viele Einwohner hat die Stadt Liti?"));
      List<String> passages = List.of("The town of Liti has a population of 178200.",
          "The town of Liti was founded in 1624.");
      float[][] docs = model.encodePassages(passages);
      for (int i = 0; i < passages.size(); i++) {
        System.out.printf("cos = %.3f  %s%n", dot(query[0], docs[i]), passages.get(i));
      }
    }
    System.out.println("monolingual rows: " + benchmark.pairRows(SettingResult.MONOLINGUAL).size());
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}

package io.polyret.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyret.core.train.TrainingLog;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming a job continues the same batch sequence; exported models export again and re-import. */
class ResumeAndReimportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static TrainingJobConfig job(Path out, long steps, boolean resume, boolean export) throws Exception {
    return TrainingJobConfig.builder()
        .training(DemoData.training(out).steps(steps).checkpointEvery(3).resume(resume).build())
        .trainData(DemoData.folder().resolve("train.jsonl"))
        .tokenizer(DemoData.tokenizer())
        .sampling("hybrid")
        .languages(List.of("de", "en", "zh"))
        .exportModel(export)
        .build();
  }

  /** The train lines of a log, without the timing fields. */
  private static List<JsonNode> trainLines(Path out) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve(TrainingLog.FILE_NAME))) {
      JsonNode n = JSON.readTree(line);
      if (n.get("type").asText().equals("train")) {
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) n;
        o.remove(List.of("examples_per_s", "elapsed_s"));
        lines.add(o);
      }
    }
    return lines;
  }

  @Test
  void aResumedJobDrawsTheSameBatchesAsAnUninterruptedOne() throws Exception {
    Path straight = tmp.resolve("straight");
    TrainingJob.run(job(straight, 6, false, false));

    Path interrupted = tmp.resolve("interrupted");
    TrainingJobResult first = TrainingJob.run(job(interrupted, 3, false, false));
    assertEquals(3, first.training().stepsCompleted());
    assertNull(first.model());
    TrainingJobResult resumed = TrainingJob.run(job(interrupted, 6, true, false));
    assertEquals(6, resumed.training().stepsCompleted());

    List<JsonNode> expected = trainLines(straight);
    List<JsonNode> actual = trainLines(interrupted);
    assertEquals(6, expected.size());
    // Same batch kind, dataset, languages and (constant learning rate, same weights) loss at every step.
    assertEquals(expected.toString(), actual.toString());
    // The summary of the resumed run counts the steps before the resume too.
    assertEquals(6, resumed.languages().batches());
    assertEquals(
        BatchLanguageSummary.fromTrainingLog(straight.resolve(TrainingLog.FILE_NAME)).toJson(),
        resumed.languages().toJson());
  }

  @Test
  void exportsARunAgainAndContinuesTrainingFromAnExportedModel() throws Exception {
    Path out = tmp.resolve("run");
    TrainingJobResult r = TrainingJob.run(job(out, 3, false, true));

    List<String> texts = List.of("Query: Wie viele Einwohner hat die Stadt Liti?", "Query: 你好");
    float[][] a;
    try (PolyretModel m = PolyretModel.load(r.model())) {
      a = m.encode(texts, 32);
      assertEquals(32, a[0].length);
    }

    // A fresh JVM loading the folder gives the same embeddings, bit for bit.
    Path bits = tmp.resolve("child.bin");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), EncodeChild.class.getName(), r.model().toString(),
        bits.toString()));
    command.addAll(texts);
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.log").toFile()).start();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child did not finish");
    assertEquals(0, child.exitValue(), "child output:\n" + Files.readString(tmp.resolve("child.log")));
    try (DataInputStream in = new DataInputStream(Files.newInputStream(bits))) {
      for (float[] row : a) {
        for (float v : row) {
          assertEquals(Float.floatToRawIntBits(v), in.readInt());
        }
      }
      assertEquals(-1, in.read(), "no extra values");
    }

    // Standalone export of the same run gives the same embeddings.
    Path again = ModelExporter.exportRun(out, tmp.resolve("again"));
    try (PolyretModel m = PolyretModel.load(again)) {
      float[][] b = m.encode(texts, 32);
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(a[i], b[i], 0f);
      }
    }

    // The folder is also a Hugging Face checkpoint: imported as such, it embeds the same way.
    try (HuggingFaceTextEncoder hf = HuggingFaceTextEncoder.open(r.model())) {
      assertEquals(32, hf.dimension());
      float[][] b = hf.encode(texts, 32);
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(a[i], b[i], 1e-6f);
      }
    }

    // The export command's paths: a checkpoint folder of the run exports the same model.
    Path fromCheckpoint = ModelExporter.export(r.training().lastCheckpoint(), tmp.resolve("from-checkpoint"));
    // The Hugging Face folder imported as a polyret model (pooling: XLM-R's default, mean).
    Path imported = ModelExporter.importHuggingFace(r.model(), tmp.resolve("imported"));
    for (Path dir : List.of(fromCheckpoint, imported)) {
      try (PolyretModel m = PolyretModel.load(dir)) {
        float[][] b = m.encode(texts, 32);
        for (int i = 0; i < texts.size(); i++) {
          assertArrayEquals(a[i], b[i], 1e-6f, dir.toString());
        }
      }
    }
    assertEquals("Query: ", ModelCard.read(imported).queryPrefix());
    assertThrows(IllegalArgumentException.class, () -> ModelExporter.export(tmp, tmp.resolve("x")));

    // A new run starting from the exported model: before any step its weights are the model's.
    Path next = tmp.resolve("next");
    TrainingJobConfig cont = TrainingJobConfig.builder()
        .training(DemoData.training(next).steps(1).learningRate(1e-9).build())
        .trainData(DemoData.folder().resolve("train.jsonl"))
        .baseModel(r.model())
        .build();
    assertEquals(r.model(), cont.tokenizerSource());
    assertEquals(cont, TrainingJobConfig.fromJson(cont.toJson()), "encoder re-read from the base model");
    TrainingJobResult continued = TrainingJob.run(cont);
    try (PolyretModel m = PolyretModel.load(continued.model())) {
      float[][] b = m.encode(texts, 32);
      // One step at a learning rate of 1e-9 barely moves the weights: the start was the exported model.
      for (int i = 0; i < texts.size(); i++) {
        assertArrayEquals(a[i], b[i], 1e-4f);
      }
      assertEquals(r.model().toString(), m.card().baseModel());
    }

    // A model of other shapes is refused, naming a variable.
    TrainingJobConfig wrongShape = TrainingJobConfig.builder()
        .training(DemoData.training(tmp.resolve("wrong"))
            .encoder(DemoData.encoder().toBuilder().hiddenSize(16).intermediateSize(32).build()).steps(1).build())
        .trainData(DemoData.folder().resolve("train.jsonl"))
        .tokenizer(DemoData.tokenizer())
        .build();
    String m = assertThrows(IllegalArgumentException.class,
        () -> new TrainingJob(wrongShape).initialWeights(PolyretModel.weights(r.model())).run()).getMessage();
    assertTrue(m.contains("shape"), m);
  }

  @Test
  void loadingSomethingElseAsAModelFailsClearly() {
    String m = assertThrows(IllegalArgumentException.class, () -> PolyretModel.load(tmp)).getMessage();
    assertTrue(m.contains("not a polyret model folder"), m);
  }
}

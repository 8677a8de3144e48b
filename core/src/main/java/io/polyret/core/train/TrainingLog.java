package io.polyret.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON-lines training log ({@code training-log.jsonl}): one object per line, flushed as
 * written. Line types and fields (the reports module reads exactly these names):
 *
 * <ul>
 *   <li>{@code {"type":"train","step","epoch","loss","lr","grad_norm","examples_per_s","elapsed_s",
 *       "batch_kind","dataset","query_languages":{lang:count},"passage_languages":{lang:count}}}
 *   <li>{@code {"type":"validation","step","val_loss","best"}}
 *   <li>{@code {"type":"checkpoint","step","path"}}
 * </ul>
 *
 * <p>On resume the log is cut back to the lines of steps up to the checkpoint's (dropping anything an
 * interrupted run wrote later, including a half-written last line), so a resumed run's log reads as
 * if the run had never stopped.
 */
public final class TrainingLog implements Closeable {
  /** File name inside the output directory. */
  public static final String FILE_NAME = "training-log.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final BufferedWriter out;
  private final boolean endsWithCheckpoint;

  private TrainingLog(Path file, BufferedWriter out, boolean endsWithCheckpoint) {
    this.file = file;
    this.out = out;
    this.endsWithCheckpoint = endsWithCheckpoint;
  }

  /** Starts a new, empty log (replacing any earlier file). */
  public static TrainingLog create(Path file) throws IOException {
    return new TrainingLog(
        file,
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE),
        false);
  }

  /** Keeps the well-formed lines with {@code step <= lastStep} and appends after them. */
  public static TrainingLog resume(Path file, long lastStep) throws IOException {
    List<String> kept = new ArrayList<>();
    boolean checkpointLine = false;
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (IOException e) {
          continue; // a line cut by a crash
        }
        if (n != null && n.isObject() && n.path("step").canConvertToLong() && n.path("step").asLong() <= lastStep) {
          kept.add(line);
          checkpointLine = n.path("type").asText().equals("checkpoint") && n.path("step").asLong() == lastStep;
        }
      }
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, kept, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new TrainingLog(
        file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
        checkpointLine);
  }

  /**
   * For a resumed log: whether its last kept line is the checkpoint line of the resume step (a crash
   * between saving a checkpoint and logging it leaves it out).
   */
  public boolean endsWithCheckpoint() {
    return endsWithCheckpoint;
  }

  public Path file() {
    return file;
  }

  /** A {@code train} line. */
  public static ObjectNode trainLine(
      long step, long epoch, double loss, double lr, double gradNorm, double examplesPerSecond, double elapsedSeconds,
      String batchKind, String dataset, Map<String, Integer> queryLanguages, Map<String, Integer> passageLanguages) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "train");
    n.put("step", step);
    n.put("epoch", epoch);
    n.put("loss", loss);
    n.put("lr", lr);
    n.put("grad_norm", gradNorm);
    n.put("examples_per_s", examplesPerSecond);
    n.put("elapsed_s", elapsedSeconds);
    n.put("batch_kind", batchKind);
    n.put("dataset", dataset);
    ObjectNode q = n.putObject("query_languages");
    new TreeMap<>(queryLanguages).forEach(q::put);
    ObjectNode p = n.putObject("passage_languages");
    new TreeMap<>(passageLanguages).forEach(p::put);
    return n;
  }

  /** A {@code validation} line. */
  public static ObjectNode validationLine(long step, double validationLoss, boolean best) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "validation");
    n.put("step", step);
    n.put("val_loss", validationLoss);
    n.put("best", best);
    return n;
  }

  /** A {@code checkpoint} line. */
  public static ObjectNode checkpointLine(long step, Path path) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "checkpoint");
    n.put("step", step);
    n.put("path", path.toString());
    return n;
  }

  /** Appends one line and flushes it. */
  public void write(ObjectNode line) throws IOException {
    out.write(JSON.writeValueAsString(line));
    out.write('\n');
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}

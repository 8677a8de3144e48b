package io.polyret.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polyret.reports.model.CheckpointEntry;
import io.polyret.reports.model.TrainStep;
import io.polyret.reports.model.TrainingLogReader;
import io.polyret.reports.model.TrainingLogWriter;
import io.polyret.reports.model.ValidationPoint;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trainer's JSON-lines training log ({@code training-log.jsonl}). The line format is the
 * reports module's: lines are written by {@link TrainingLogWriter} and read by
 * {@link TrainingLogReader} ({@code train}, {@code validation} and {@code checkpoint} lines, one
 * JSON object per line, flushed as written).
 *
 * <p>What this class adds is resuming: the log is cut back to the lines of steps up to the
 * checkpoint's (dropping anything an interrupted run wrote later, including a half-written last
 * line), so a resumed run's log reads as if the run had never stopped.
 */
public final class TrainingLog implements Closeable {
  /** File name inside the output directory. */
  public static final String FILE_NAME = "training-log.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final TrainingLogWriter out;
  private final boolean endsWithCheckpoint;

  private TrainingLog(Path file, TrainingLogWriter out, boolean endsWithCheckpoint) {
    this.file = file;
    this.out = out;
    this.endsWithCheckpoint = endsWithCheckpoint;
  }

  /** Starts a new, empty log (replacing any earlier file). */
  public static TrainingLog create(Path file) {
    return new TrainingLog(file, TrainingLogWriter.create(file), false);
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
    return new TrainingLog(file, TrainingLogWriter.append(file), checkpointLine);
  }

  /**
   * For a resumed log: whether its last kept line is the checkpoint line of the resume step (a crash
   * between saving a checkpoint and logging it leaves it out).
   */
  public boolean endsWithCheckpoint() {
    return endsWithCheckpoint;
  }

  /** The log file. */
  public Path file() {
    return file;
  }

  /**
   * Appends a {@code train} line (language counts in code order); a non-finite throughput (a step
   * too fast to time) is left out.
   *
   * @param lossScale the loss scale of a loss-scaled (fp16) run, logged with {@code skipped}; null
   *     when the run does not scale its loss
   * @param skipped whether a loss-scaled step's update was skipped (gradient overflow; its
   *     {@code grad_norm} is logged as null)
   */
  public void train(
      long step, long epoch, double loss, double lr, double gradNorm, double examplesPerSecond, double elapsedSeconds,
      String batchKind, String dataset, Map<String, Integer> queryLanguages, Map<String, Integer> passageLanguages,
      Double lossScale, boolean skipped) {
    TrainStep line = new TrainStep(step, Math.toIntExact(epoch), loss, lr, gradNorm,
        Double.isFinite(examplesPerSecond) ? examplesPerSecond : null, elapsedSeconds, batchKind, dataset,
        new TreeMap<>(queryLanguages), new TreeMap<>(passageLanguages));
    if (lossScale == null) {
      out.train(line);
    } else {
      out.train(line, lossScale, skipped);
    }
  }

  /** Appends a {@code validation} line. */
  public void validation(long step, double validationLoss, boolean best) {
    out.validation(new ValidationPoint(step, validationLoss, best));
  }

  /** Appends a {@code checkpoint} line. */
  public void checkpoint(long step, Path path) {
    out.checkpoint(new CheckpointEntry(step, path.toString()));
  }

  @Override
  public void close() {
    out.close();
  }
}

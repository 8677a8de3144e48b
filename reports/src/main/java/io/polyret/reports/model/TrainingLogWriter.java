package io.polyret.reports.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Appends events to a training log in the format {@link TrainingLogReader} reads, one JSON object
 * per line, flushed after each line so a crashed run leaves every completed step on disk.
 */
public final class TrainingLogWriter implements Closeable {
  private final Path file;
  private final BufferedWriter out;

  private TrainingLogWriter(Path file, BufferedWriter out) {
    this.file = file;
    this.out = out;
  }

  /** Creates (or truncates) the log. */
  public static TrainingLogWriter create(Path file) {
    return open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
  }

  /** Appends to an existing log (a resumed run), creating it if absent. */
  public static TrainingLogWriter append(Path file) {
    return open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
  }

  private static TrainingLogWriter open(Path file, StandardOpenOption... options) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new TrainingLogWriter(file,
          Files.newBufferedWriter(file, StandardCharsets.UTF_8, options));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open training log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a {@code train} line. */
  public void train(TrainStep s) {
    line(trainLine(s));
  }

  /**
   * Writes a {@code train} line of a loss-scaled (fp16) run: the fields of {@link #train(TrainStep)}
   * plus {@code loss_scale} and {@code skipped}; a skipped step (gradient overflow) has
   * {@code grad_norm} null.
   */
  public void train(TrainStep s, double lossScale, boolean skipped) {
    ObjectNode n = trainLine(s);
    if (skipped) {
      n.putNull("grad_norm");
    }
    n.put("loss_scale", lossScale);
    n.put("skipped", skipped);
    line(n);
  }

  private static ObjectNode trainLine(TrainStep s) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("type", "train").put("step", s.step()).put("epoch", s.epoch())
        .put("loss", s.loss()).put("lr", s.lr());
    putIfPresent(n, "grad_norm", s.gradNorm());
    putIfPresent(n, "examples_per_s", s.examplesPerS());
    putIfPresent(n, "elapsed_s", s.elapsedS());
    n.put("batch_kind", s.batchKind());
    if (s.dataset() != null) {
      n.put("dataset", s.dataset());
    }
    putCounts(n, "query_languages", s.queryLanguages());
    putCounts(n, "passage_languages", s.passageLanguages());
    return n;
  }

  /** Writes a {@code validation} line. */
  public void validation(ValidationPoint v) {
    line(Json.MAPPER.createObjectNode().put("type", "validation").put("step", v.step())
        .put("val_loss", v.valLoss()).put("best", v.best()));
  }

  /** Writes a {@code checkpoint} line. */
  public void checkpoint(CheckpointEntry c) {
    line(Json.MAPPER.createObjectNode().put("type", "checkpoint").put("step", c.step())
        .put("path", c.path()));
  }

  private static void putIfPresent(ObjectNode n, String name, Double value) {
    if (value != null) {
      n.put(name, value);
    }
  }

  private static void putCounts(ObjectNode n, String name, Map<String, Integer> counts) {
    ObjectNode o = n.putObject(name);
    counts.forEach(o::put);
  }

  private void line(ObjectNode n) {
    try {
      // writeValueAsString on the indenting mapper would span lines; a plain writer keeps one.
      out.write(Json.MAPPER.writer().without(
          com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(n));
      out.write('\n');
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise training log line", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write training log " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close training log " + file, e);
    }
  }
}

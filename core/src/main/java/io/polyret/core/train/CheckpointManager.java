package io.polyret.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.sampling.SamplerState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * Checkpoints of a training run in {@code <dir>/step-NNNNNNNNN/}: the variables as written by
 * {@code Session.save} (prefix {@code model}), and {@code manifest.json} with the SHA-256 of every
 * other file and the {@link CheckpointState}.
 *
 * <p>A checkpoint is written into a hidden temporary directory, the manifest last, then renamed into
 * place in one atomic move: a crash leaves either a complete checkpoint or a temporary directory that
 * the next run deletes. Only the latest checkpoint and the best one (lowest validation loss) are
 * kept. On load every listed file is checked (present, same size, same hash); a checkpoint that
 * fails is reported with the offending file and the next older one is tried.
 */
public final class CheckpointManager {
  /** Name of the manifest inside each checkpoint directory. */
  public static final String MANIFEST = "manifest.json";
  /** Prefix passed to {@code Session.save} / {@code Session.restore} inside a checkpoint. */
  public static final String VARIABLES_PREFIX = "model";
  private static final int FORMAT_VERSION = 1;
  private static final Pattern STEP_DIR = Pattern.compile("step-(\\d+)");
  private static final String TEMP_PREFIX = ".tmp-";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;

  /** @param directory where checkpoint directories live (created on first save) */
  public CheckpointManager(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  /** The directory a checkpoint of {@code step} has. */
  public Path pathOf(long step) {
    return directory.resolve(String.format("step-%09d", step));
  }

  /**
   * Saves the session's variables and {@code state} as the checkpoint of {@code state.step()}, then
   * deletes every older checkpoint other than the best ({@code state.bestStep()}).
   *
   * @return the checkpoint directory
   */
  public Path save(Session session, CheckpointState state) throws IOException {
    Files.createDirectories(directory);
    deleteTemporaries();
    Path target = pathOf(state.step());
    Path tmp = directory.resolve(TEMP_PREFIX + target.getFileName() + "-" + ProcessHandle.current().pid());
    deleteRecursively(tmp);
    Files.createDirectories(tmp);
    session.save(tmp.resolve(VARIABLES_PREFIX).toString());

    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("format_version", FORMAT_VERSION);
    manifest.put("step", state.step());
    ObjectNode sampler = manifest.putObject("sampler_state");
    sampler.put("epoch", state.samplerState().epoch());
    sampler.put("batch_in_epoch", state.samplerState().batchInEpoch());
    if (Double.isNaN(state.bestValidationLoss())) {
      manifest.putNull("best_val_loss");
    } else {
      manifest.put("best_val_loss", state.bestValidationLoss());
    }
    manifest.put("best_step", state.bestStep());
    manifest.put("validations_since_best", state.validationsSinceBest());
    manifest.put("elapsed_s", state.elapsedSeconds());
    manifest.set("config", state.config());
    ObjectNode files = manifest.putObject("files");
    try (Stream<Path> list = Files.list(tmp)) {
      for (Path f : list.sorted().toList()) {
        ObjectNode entry = files.putObject(f.getFileName().toString());
        entry.put("size", Files.size(f));
        entry.put("sha256", sha256(f));
      }
    }
    Path manifestFile = tmp.resolve(MANIFEST);
    Files.write(manifestFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    try (FileChannel ch = FileChannel.open(manifestFile, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    if (Files.exists(target)) {
      deleteRecursively(target); // a re-saved step (e.g. after a resume) replaces the old copy
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    prune(state.step(), state.bestStep());
    return target;
  }

  /** Deletes every checkpoint other than {@code latestStep} and {@code bestStep}. */
  private void prune(long latestStep, long bestStep) throws IOException {
    for (Map.Entry<Long, Path> e : list().entrySet()) {
      long step = e.getKey();
      if (step != latestStep && step != bestStep) {
        deleteRecursively(e.getValue());
      }
    }
  }

  /** Deletes leftovers of saves that were interrupted. */
  public void deleteTemporaries() throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, TEMP_PREFIX + "*")) {
      for (Path p : ds) {
        deleteRecursively(p);
      }
    }
  }

  /** Every checkpoint directory by step, oldest first (validity not checked). */
  public TreeMap<Long, Path> list() throws IOException {
    TreeMap<Long, Path> out = new TreeMap<>();
    if (!Files.isDirectory(directory)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
      for (Path p : ds) {
        Matcher m = STEP_DIR.matcher(p.getFileName().toString());
        if (m.matches() && Files.isDirectory(p)) {
          out.put(Long.parseLong(m.group(1)), p);
        }
      }
    }
    return out;
  }

  /**
   * The newest checkpoint that verifies; each one that does not is reported to {@code problems}
   * (with the offending file) and skipped.
   */
  public Optional<Checkpoint> latestValid(Consumer<String> problems) throws IOException {
    List<Long> steps = new ArrayList<>(list().keySet());
    steps.sort(Comparator.reverseOrder());
    for (long step : steps) {
      Path dir = pathOf(step);
      try {
        return Optional.of(verify(dir));
      } catch (InvalidCheckpointException e) {
        problems.accept("refusing checkpoint " + dir + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** A verified checkpoint: its directory and recorded state. */
  public record Checkpoint(Path directory, CheckpointState state) {
    /** The prefix to pass to {@code Session.restore}. */
    public String variablesPrefix() {
      return directory.resolve(VARIABLES_PREFIX).toString();
    }
  }

  /**
   * Checks a checkpoint directory: manifest readable and complete, every listed file present with
   * its recorded size and SHA-256, no variables file missing from the list.
   *
   * @throws InvalidCheckpointException naming the offending file
   */
  public static Checkpoint verify(Path dir) throws IOException {
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new InvalidCheckpointException(manifestFile, "manifest is missing");
    }
    JsonNode m;
    try {
      m = JSON.readTree(Files.readAllBytes(manifestFile));
    } catch (IOException e) {
      throw new InvalidCheckpointException(manifestFile, "manifest is not valid JSON (truncated?): " + e.getMessage());
    }
    if (m == null || !m.isObject()) {
      throw new InvalidCheckpointException(manifestFile, "manifest is empty or not a JSON object");
    }
    for (String field : List.of("format_version", "step", "sampler_state", "best_step", "config", "files")) {
      if (!m.has(field)) {
        throw new InvalidCheckpointException(manifestFile, "manifest lacks field '" + field + "'");
      }
    }
    if (m.get("format_version").asInt() != FORMAT_VERSION) {
      throw new InvalidCheckpointException(manifestFile, "unsupported format_version " + m.get("format_version"));
    }
    JsonNode files = m.get("files");
    boolean hasIndex = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Path f = dir.resolve(e.getKey());
      if (!f.normalize().getParent().equals(dir.normalize())) {
        throw new InvalidCheckpointException(manifestFile, "lists a file outside the checkpoint: " + e.getKey());
      }
      if (!Files.isRegularFile(f)) {
        throw new InvalidCheckpointException(f, "file listed in the manifest is missing");
      }
      long size = Files.size(f);
      if (size != e.getValue().path("size").asLong(-1)) {
        throw new InvalidCheckpointException(
            f, "size " + size + " differs from the manifest's " + e.getValue().path("size") + " (truncated?)");
      }
      if (!sha256(f).equals(e.getValue().path("sha256").asText())) {
        throw new InvalidCheckpointException(f, "SHA-256 differs from the manifest (file corrupted)");
      }
      hasIndex |= e.getKey().equals(VARIABLES_PREFIX + ".index");
    }
    if (!hasIndex) {
      throw new InvalidCheckpointException(manifestFile, "lists no " + VARIABLES_PREFIX + ".index file");
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(VARIABLES_PREFIX + ".") && !files.has(name)) {
          throw new InvalidCheckpointException(f, "variables file is not listed in the manifest");
        }
      }
    }
    JsonNode sampler = m.get("sampler_state");
    JsonNode best = m.get("best_val_loss");
    if (!(m.get("config") instanceof ObjectNode config)) {
      throw new InvalidCheckpointException(manifestFile, "config is not a JSON object");
    }
    CheckpointState state =
        new CheckpointState(
            m.get("step").asLong(),
            new SamplerState(sampler.path("epoch").asLong(), sampler.path("batch_in_epoch").asLong()),
            best == null || best.isNull() ? Double.NaN : best.asDouble(),
            m.get("best_step").asLong(),
            m.path("validations_since_best").asInt(),
            m.path("elapsed_s").asDouble(),
            config);
    return new Checkpoint(dir, state);
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        digest.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}

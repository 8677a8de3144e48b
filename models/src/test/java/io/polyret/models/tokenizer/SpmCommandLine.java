package io.polyret.models.tokenizer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's {@code spm_encode} / {@code spm_train} (package {@code sentencepiece}) as processes. */
final class SpmCommandLine {

  private SpmCommandLine() {}

  /** The executable on PATH, if any. */
  static Optional<Path> find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code spm_encode --output_format=id}: one line of space-separated ids per input line. */
  static List<int[]> encodeIds(Path spmEncode, Path model, Path input, Path output)
      throws IOException, InterruptedException {
    run(List.of(spmEncode.toString(), "--model=" + model, "--output_format=id",
        "--output=" + output, input.toString()));
    List<int[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      String trimmed = line.trim();
      if (trimmed.isEmpty()) {
        rows.add(new int[0]);
        continue;
      }
      String[] parts = trimmed.split(" ");
      int[] ids = new int[parts.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = Integer.parseInt(parts[i]);
      }
      rows.add(ids);
    }
    return rows;
  }

  /** {@code spm_train}; returns the {@code .model} file. */
  static Path train(Path spmTrain, Path input, Path prefix, String modelType, int vocabSize)
      throws IOException, InterruptedException {
    run(List.of(spmTrain.toString(), "--input=" + input, "--model_prefix=" + prefix,
        "--model_type=" + modelType, "--vocab_size=" + vocabSize, "--character_coverage=1.0",
        "--hard_vocab_limit=false", "--num_threads=2", "--minloglevel=2"));
    return Path.of(prefix + ".model");
  }

  static void run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("spm", ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("timed out: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IOException("exit " + process.exitValue() + ": " + command + "\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }
}

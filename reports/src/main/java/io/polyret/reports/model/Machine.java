package io.polyret.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run used; every field free text and optional.
 *
 * @param cpu for example {@code AMD EPYC 9R14, 2 cores}
 * @param gpu for example {@code NVIDIA H200}; null when none was used
 * @param os operating system name and version
 * @param runtime Java runtime name and version
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Machine(String cpu, String gpu, String os, String runtime) {

  /** CPU from {@code /proc/cpuinfo} when readable, OS and Java from system properties. */
  public static Machine describeCurrent(String gpu) {
    int cores = Runtime.getRuntime().availableProcessors();
    String cpu = cpuModelName() + ", " + cores + (cores == 1 ? " core" : " cores");
    return new Machine(cpu, gpu,
        System.getProperty("os.name") + " " + System.getProperty("os.version")
            + " " + System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
  }

  private static String cpuModelName() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux or not readable: the architecture is the best we can say.
    }
    return System.getProperty("os.arch");
  }
}

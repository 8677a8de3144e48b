package io.polyret.core.device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the GPU checks look at outside the JVM: class-path resources, shared libraries the dynamic
 * linker would find, a CUDA directory given by the user, and the platform. An interface so that
 * tests can describe a machine with a GPU build but no driver, or a driver but no CUDA runtime.
 */
public interface NativeEnvironment {

  /** System property naming a directory that holds the CUDA 12 / cuDNN 9 libraries. */
  String CUDA_DIR_PROPERTY = "polyret.cuda.dir";
  /** Environment variable naming that directory (the property wins). */
  String CUDA_DIR_ENV = "POLYRET_CUDA_DIR";

  /** Whether {@code name} (a path without a leading slash) is a class-path resource. */
  boolean hasResource(String name);

  /** Opens a class-path resource; empty when absent. */
  Optional<InputStream> openResource(String name);

  /** Where the dynamic linker (or the usual CUDA folders) would find {@code soname}. */
  Optional<Path> findSystemLibrary(String soname);

  /** The folders {@link #findSystemLibrary} searches, for messages. */
  List<String> searchedFolders();

  /** The user's CUDA folder ({@value #CUDA_DIR_PROPERTY} or {@value #CUDA_DIR_ENV}), if set. */
  Optional<Path> cudaDirectory();

  /** {@code os.name}/{@code os.arch}. */
  String platform();

  /** Folder for extracted CUDA libraries. */
  Path cacheDirectory();

  /** The real machine. */
  static NativeEnvironment system() {
    return new System();
  }

  /** The running JVM and host. */
  final class System implements NativeEnvironment {
    private Map<String, Path> ldconfig;

    @Override
    public boolean hasResource(String name) {
      return NativeEnvironment.class.getClassLoader().getResource(name) != null;
    }

    @Override
    public Optional<InputStream> openResource(String name) {
      return Optional.ofNullable(NativeEnvironment.class.getClassLoader().getResourceAsStream(name));
    }

    @Override
    public synchronized Optional<Path> findSystemLibrary(String soname) {
      for (String dir : pathFolders()) {
        Path p = Path.of(dir, soname);
        if (Files.isRegularFile(p)) {
          return Optional.of(p);
        }
      }
      return Optional.ofNullable(ldconfigCache().get(soname));
    }

    @Override
    public List<String> searchedFolders() {
      List<String> out = new ArrayList<>(pathFolders());
      out.add("the ldconfig cache");
      return out;
    }

    private static List<String> pathFolders() {
      List<String> out = new ArrayList<>();
      String ld = java.lang.System.getenv("LD_LIBRARY_PATH");
      if (ld != null) {
        for (String d : ld.split(":")) {
          if (!d.isBlank()) {
            out.add(d);
          }
        }
      }
      // Where drivers and CUDA toolkits usually live, also when ldconfig does not list them.
      out.addAll(List.of("/usr/local/cuda/lib64", "/usr/local/nvidia/lib64", "/usr/lib/x86_64-linux-gnu",
          "/usr/lib64", "/usr/lib/wsl/lib"));
      return out;
    }

    /** soname -> path from {@code ldconfig -p}; empty when ldconfig is unavailable. */
    private Map<String, Path> ldconfigCache() {
      if (ldconfig != null) {
        return ldconfig;
      }
      ldconfig = new LinkedHashMap<>();
      for (String exe : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
        if (!Files.isExecutable(Path.of(exe))) {
          continue;
        }
        try {
          Process p = new ProcessBuilder(exe, "-p").redirectErrorStream(true).start();
          String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          p.waitFor(10, TimeUnit.SECONDS);
          // Lines look like: "\tlibcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1"
          for (String line : out.split("\n")) {
            int arrow = line.indexOf("=>");
            int paren = line.indexOf(" (");
            if (arrow > 0 && paren > 0 && line.contains("x86-64")) {
              ldconfig.putIfAbsent(line.substring(0, paren).trim(), Path.of(line.substring(arrow + 2).trim()));
            }
          }
        } catch (IOException e) {
          // no ldconfig: the folder search above is all there is
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        break;
      }
      return ldconfig;
    }

    @Override
    public Optional<Path> cudaDirectory() {
      String v = java.lang.System.getProperty(CUDA_DIR_PROPERTY);
      if (v == null || v.isBlank()) {
        v = java.lang.System.getenv(CUDA_DIR_ENV);
      }
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v));
    }

    @Override
    public String platform() {
      return java.lang.System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/"
          + java.lang.System.getProperty("os.arch");
    }

    @Override
    public Path cacheDirectory() {
      return Path.of(java.lang.System.getProperty("user.home"), ".cache", "polyret", "cuda");
    }
  }
}

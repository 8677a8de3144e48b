package io.polyret.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe's checks in order, on described machines (nothing here loads a library). */
class GpuProbeTest {
  @TempDir Path tmp;

  /** A machine described by its resources, system libraries and CUDA folder. */
  static final class FakeEnvironment implements NativeEnvironment {
    final Set<String> resources = new HashSet<>();
    final Map<String, String> contents = new HashMap<>();
    final Map<String, Path> systemLibraries = new HashMap<>();
    Path cudaDir;
    String platform = "linux/amd64";
    Path cache;

    @Override
    public boolean hasResource(String name) {
      return resources.contains(name);
    }

    @Override
    public Optional<InputStream> openResource(String name) {
      return resources.contains(name)
          ? Optional.of(new ByteArrayInputStream(contents.getOrDefault(name, name).getBytes()))
          : Optional.empty();
    }

    @Override
    public Optional<Path> findSystemLibrary(String soname) {
      return Optional.ofNullable(systemLibraries.get(soname));
    }

    @Override
    public List<String> searchedFolders() {
      return List.of("/fake/lib");
    }

    @Override
    public Optional<Path> cudaDirectory() {
      return Optional.ofNullable(cudaDir);
    }

    @Override
    public String platform() {
      return platform;
    }

    @Override
    public Path cacheDirectory() {
      return cache;
    }
  }

  private static GpuProbe.Result probe(FakeEnvironment env) {
    return GpuProbe.probe(env, () -> { throw new AssertionError("must not list devices"); });
  }

  @Test
  void reportsTheFirstMissingPieceExactly() throws IOException {
    FakeEnvironment env = new FakeEnvironment();
    env.platform = "mac os x/aarch64";
    assertTrue(probe(env).reason().contains("Linux x86-64 only; this host is mac os x/aarch64"), probe(env).reason());

    env.platform = "linux/amd64";
    assertTrue(probe(env).reason().contains("CPU build"), probe(env).reason());

    env.resources.add(GpuProbe.GPU_NATIVES_RESOURCE);
    GpuProbe.Result noDriver = probe(env);
    assertFalse(noDriver.usable());
    assertTrue(noDriver.reason().startsWith("no NVIDIA driver: libcuda.so.1 was not found (searched /fake/lib"),
        noDriver.reason());

    env.systemLibraries.put("libcuda.so.1", Path.of("/fake/lib/libcuda.so.1"));
    GpuProbe.Result noRuntime = probe(env);
    assertTrue(noRuntime.reason().contains("CUDA 12 / cuDNN 9 runtime incomplete: " + CudaRuntime.REQUIRED),
        noRuntime.reason());
    assertTrue(noRuntime.reason().contains("org.bytedeco:cuda:12.6-9.5-1.5.11:linux-x86_64-redist"), noRuntime.reason());

    // A user folder lacking cuDNN: the message names that folder and only what it lacks.
    env.cudaDir = tmp;
    for (String lib : CudaRuntime.REQUIRED) {
      if (!lib.startsWith("libcudnn")) {
        Files.writeString(tmp.resolve(lib), "not a library");
      }
    }
    GpuProbe.Result partial = probe(env);
    assertTrue(partial.reason().contains("[libcudnn.so.9] not found in the folder " + tmp), partial.reason());
  }

  @Test
  void locatesEachSourceInOrder() throws IOException {
    FakeEnvironment env = new FakeEnvironment();
    for (String lib : CudaRuntime.REQUIRED) {
      env.resources.add(CudaRuntime.REDIST_FOLDER + lib);
    }
    CudaRuntime.Location redist = CudaRuntime.locate(env);
    assertEquals("maven redist", redist.source());
    assertTrue(redist.found());
    assertEquals(CudaRuntime.REQUIRED.size(), redist.libraries().size());

    env.cudaDir = tmp;
    for (String lib : CudaRuntime.LOAD_ORDER) {
      Files.writeString(tmp.resolve(lib), "x");
    }
    CudaRuntime.Location dir = CudaRuntime.locate(env);
    assertEquals("directory " + tmp, dir.source());
    // Dependency order is kept: nvJitLink before cuSPARSE, cuDNN's parts before libcudnn itself.
    assertEquals(CudaRuntime.LOAD_ORDER, List.copyOf(dir.libraries().keySet()));

    for (String lib : CudaRuntime.REQUIRED) {
      env.systemLibraries.put(lib, Path.of("/sys/" + lib));
    }
    assertEquals("system", CudaRuntime.locate(env).source());
  }

  @Test
  void redistLibrariesAreExtractedOncePerVersionThenLoaded() throws IOException {
    FakeEnvironment env = new FakeEnvironment();
    env.cache = tmp.resolve("cache");
    for (String lib : CudaRuntime.REQUIRED) {
      env.resources.add(CudaRuntime.REDIST_FOLDER + lib);
    }
    String pom = "META-INF/maven/org.bytedeco/cuda/pom.properties";
    env.resources.add(pom);
    env.contents.put(pom, "groupId=org.bytedeco\nversion=12.6-9.5-1.5.11\n");
    CudaRuntime.Location redist = CudaRuntime.locate(env);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> CudaRuntime.load(redist, env));
    // The first library in load order was extracted into the version's folder, then failed to load
    // (these test "libraries" are text): the message names the extracted file.
    Path extracted = env.cache.resolve("12.6-9.5-1.5.11").resolve("libcudart.so.12");
    assertTrue(Files.isRegularFile(extracted), "extracted " + extracted);
    assertEquals(CudaRuntime.REDIST_FOLDER + "libcudart.so.12", Files.readString(extracted));
    assertTrue(e.getMessage().startsWith("cannot load " + extracted), e.getMessage());
    try (var files = Files.list(extracted.getParent())) {
      assertTrue(files.noneMatch(f -> f.toString().endsWith(".part")), "no temporary file left");
    }
  }

  @Test
  void aLibraryThatFailsToLoadIsNamed() throws IOException {
    FakeEnvironment env = new FakeEnvironment();
    env.resources.add(GpuProbe.GPU_NATIVES_RESOURCE);
    env.systemLibraries.put("libcuda.so.1", Path.of("/fake/lib/libcuda.so.1"));
    env.cudaDir = tmp;
    for (String lib : CudaRuntime.REQUIRED) {
      Files.writeString(tmp.resolve(lib), "not an ELF file");
    }
    GpuProbe.Result r = probe(env);
    assertFalse(r.usable());
    assertTrue(r.reason().startsWith("the CUDA runtime from directory " + tmp + " failed to load: cannot load "),
        r.reason());
    assertEquals("directory " + tmp, r.cudaSource());
  }
}

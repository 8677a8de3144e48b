package io.polyret.models.hf;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What an import did.
 *
 * @param dir the model folder
 * @param loaded encoder variables that were set, by Hugging Face name
 * @param ignored checkpoint tensors that are not encoder parameters (heads, buffers), by their name
 *     in the checkpoint
 * @param sourceDtypes the safetensors dtypes that were converted to float32
 */
public record ImportReport(Path dir, List<String> loaded, List<String> ignored, Set<String> sourceDtypes) {
  public ImportReport {
    loaded = List.copyOf(loaded);
    ignored = List.copyOf(ignored);
    sourceDtypes = Set.copyOf(sourceDtypes);
  }
}

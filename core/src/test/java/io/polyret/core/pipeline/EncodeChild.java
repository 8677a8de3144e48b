package io.polyret.core.pipeline;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a fresh JVM by the tests: loads a model folder, encodes texts (max length 32) and writes
 * the embeddings' exact float bits to a file. Arguments: model folder, output file, texts...
 */
public final class EncodeChild {
  private EncodeChild() {}

  public static void main(String[] args) throws Exception {
    List<String> texts = Arrays.asList(args).subList(2, args.length);
    try (PolyretModel model = PolyretModel.load(Path.of(args[0]));
        DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[1])))) {
      for (float[] row : model.encode(texts, 32)) {
        for (float v : row) {
          out.writeInt(Float.floatToRawIntBits(v));
        }
      }
    }
  }
}

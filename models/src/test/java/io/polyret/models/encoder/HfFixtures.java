package io.polyret.models.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/** Test helpers: the Hugging Face golden fixtures under {@code src/test/resources/hf-fixtures}. */
public final class HfFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HfFixtures() {}

  /** The folder of one fixture, e.g. {@code xlmr-tiny}. */
  public static Path dir(String name) {
    URL url = HfFixtures.class.getResource("/hf-fixtures/" + name + "/config.json");
    if (url == null) {
      throw new IllegalStateException("fixture " + name + " not on the test classpath");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A session with the project's thread settings (2 intra-op, 1 inter-op). */
  public static Session session(Graph g) {
    return new Session(g, ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(2).setInterOpParallelismThreads(1).build());
  }

  /** One case of {@code expected_outputs.json}. */
  public record Case(int[][] ids, int[][] mask, float[][][] hidden, float[][] pooler) {}

  /** The cases of a fixture's {@code expected_outputs.json}. */
  public static List<Case> cases(String fixture) throws IOException {
    JsonNode root = JSON.readTree(dir(fixture).resolve("expected_outputs.json").toFile());
    List<Case> out = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      JsonNode pooler = c.get("pooler_output");
      out.add(new Case(JSON.treeToValue(c.get("input_ids"), int[][].class),
          JSON.treeToValue(c.get("attention_mask"), int[][].class),
          JSON.treeToValue(c.get("last_hidden_state"), float[][][].class),
          pooler == null || pooler.isNull() ? null : JSON.treeToValue(pooler, float[][].class)));
    }
    return out;
  }
}

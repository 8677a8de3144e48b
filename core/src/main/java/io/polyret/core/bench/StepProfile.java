package io.polyret.core.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Where one traced step's time goes: TensorFlow's step stats ({@code FULL_TRACE}) summed by op
 * type. Op times overlap when two threads run ops at once, so shares are of summed op time, not of
 * wall time; a traced step also runs a little slower than an untraced one.
 */
final class StepProfile {

  /** Options that make a run return its step stats. */
  static final RunOptions FULL_TRACE = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();

  private StepProfile() {}

  /**
   * The {@code top} op types by summed time, as {@code [{"op": type, "ms": t, "share": s, "count": n}, ...]},
   * plus the total op time and node count.
   */
  static ObjectNode summarise(RunMetadata metadata, Graph graph, int top) {
    Map<String, long[]> byType = new HashMap<>(); // type -> {micros, count}
    long total = 0;
    long nodes = 0;
    for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        long micros = node.getOpEndRelMicros() - node.getOpStartRelMicros();
        String type = opType(graph, node.getNodeName());
        long[] acc = byType.computeIfAbsent(type, k -> new long[2]);
        acc[0] += micros;
        acc[1]++;
        total += micros;
        nodes++;
      }
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("op_ms_total", total / 1000.0);
    out.put("nodes_run", nodes);
    ArrayNode list = out.putArray("by_op_type");
    long sum = Math.max(1, total);
    byType.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
        .limit(top)
        .forEach(e -> list.addObject()
            .put("op", e.getKey())
            .put("ms", e.getValue()[0] / 1000.0)
            .put("share", Math.round(1000.0 * e.getValue()[0] / sum) / 1000.0)
            .put("count", e.getValue()[1]));
    return out;
  }

  /**
   * The op type of a traced node. Grappler's rewritten nodes (fused oneDNN kernels) are not in the
   * Java graph; their step-stats name carries the kernel in its timeline label instead, so they are
   * grouped by the name's last path element.
   */
  private static String opType(Graph graph, String nodeName) {
    GraphOperation op = graph.operation(nodeName);
    if (op != null) {
      return op.type();
    }
    int slash = nodeName.lastIndexOf('/');
    String last = slash < 0 ? nodeName : nodeName.substring(slash + 1);
    return "(rewritten) " + last.replaceAll("[_0-9]+$", "");
  }
}

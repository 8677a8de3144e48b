package io.polyret.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.core.device.DeviceKind;
import io.polyret.core.device.DeviceSelection;
import io.polyret.core.device.ExecutionOptions;
import io.polyret.core.train.TinyFixture;
import io.polyret.models.encoder.DropoutContext;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.encoder.Pooling;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Tower embeddings: placed per device, equal to the single replica's, for any batch size. */
class TowersTest {

  @Test
  void slicesRunOnTheirDevicesAndConcatenateToTheSingleReplica() {
    int towers = 3;
    List<String> devices = DeviceSelection.cpu(DeviceKind.CPU, towers, "test").towerDevices();
    ExecutionOptions options = ExecutionOptions.DEFAULT.withDevice(DeviceKind.CPU).withTowers(towers);
    try (Graph g = new Graph();
        Session s = new Session(g, options.configProto(2, DeviceSelection.cpu(DeviceKind.CPU, towers, "test")))) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, TinyFixture.encoder(0.0), false, 5);
      Placeholder<TInt32> ids = tf.placeholder(TInt32.class);
      Placeholder<TInt32> mask = tf.placeholder(TInt32.class);
      Operand<TFloat32> single =
          io.polyret.models.encoder.TransformerEncoder.embed(tf, vars, ids, mask, Pooling.MEAN, DropoutContext.inference());
      List<org.tensorflow.DeviceSpec> specs = new ArrayList<>();
      devices.forEach(d -> specs.add(Towers.spec(d)));
      Operand<TFloat32> split = Towers.embed(tf, vars, ids, mask, Pooling.MEAN, DropoutContext.inference(), specs);

      Set<String> placed = new HashSet<>();
      for (var it = g.operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().equals("Einsum") || op.type().equals("MatMul")) {
          placed.add(op.device());
        }
      }
      assertTrue(placed.containsAll(List.of("/device:CPU:1", "/device:CPU:2")), placed.toString());

      try (Result ignored = s.runner().addTarget(vars.initializer()).run()) {
        // initialised
      }
      Random r = new Random(3);
      // 7 rows over 3 towers (uneven slices) and 2 rows (one tower gets an empty slice).
      for (int rows : new int[] {7, 2}) {
        int[][] idRows = new int[rows][6];
        int[][] maskRows = new int[rows][6];
        for (int i = 0; i < rows; i++) {
          int len = 2 + r.nextInt(5);
          for (int j = 0; j < len; j++) {
            idRows[i][j] = 1 + r.nextInt(60);
            maskRows[i][j] = 1;
          }
        }
        try (TInt32 idT = DualEncoder.matrix(idRows);
            TInt32 maskT = DualEncoder.matrix(maskRows);
            Result res = s.runner().feed(ids, idT).feed(mask, maskT).fetch(single).fetch(split).run()) {
          TFloat32 a = (TFloat32) res.get(0);
          TFloat32 b = (TFloat32) res.get(1);
          assertEquals(a.shape(), b.shape());
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < a.shape().get(1); j++) {
              assertEquals(a.getFloat(i, j), b.getFloat(i, j), 1e-6, "row " + i + " col " + j);
            }
          }
        }
      }
    }
  }

  @Test
  void refusesDevicesThatAreNotCpuOrGpu() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Towers.spec("/device:TPU:0"));
    assertTrue(e.getMessage().contains("'/device:TPU:0'"), e.getMessage());
    assertEquals(Integer.valueOf(3), Towers.spec("/job:localhost/replica:0/task:0/device:GPU:3").deviceIndex());
  }
}

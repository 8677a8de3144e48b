package io.polyret.models.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.polyret.models.config.EncoderConfig;
import io.polyret.models.hf.SafetensorsFile;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The graph reproduces Hugging Face BertModel / XLMRobertaModel outputs on the golden fixtures. */
class TransformerEncoderParityTest {

  @ParameterizedTest
  @ValueSource(strings = {"xlmr-tiny", "bert-tiny"})
  void hiddenStatesAndPoolerMatchHuggingFace(String fixture) throws Exception {
    EncoderConfig config = EncoderConfig.read(HfFixtures.dir(fixture).resolve("config.json"));
    List<HfFixtures.Case> cases = HfFixtures.cases(fixture);
    assertFalse(cases.isEmpty());
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      EncoderVariables vars = EncoderVariables.create(tf, config, true, 7);
      Placeholder<TInt32> ids = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      Placeholder<TInt32> mask = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      Operand<TFloat32> states = TransformerEncoder.hiddenStates(tf, vars, ids, mask, DropoutContext.inference());
      Operand<TFloat32> pooled = TransformerEncoder.pooler(tf, vars, states);
      try (Session s = HfFixtures.session(g);
          SafetensorsFile file = SafetensorsFile.open(HfFixtures.dir(fixture).resolve("model.safetensors"))) {
        s.run(vars.initializer());
        for (String name : vars.all().keySet()) {
          try (TFloat32 value = file.readFloat32(name)) {
            vars.assign(s, name, value);
          }
        }
        for (HfFixtures.Case c : cases) {
          try (TInt32 idsT = TInt32.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(c.ids()));
              TInt32 maskT = TInt32.tensorOf(org.tensorflow.ndarray.StdArrays.ndCopyOf(c.mask()));
              Result r = s.runner().feed(ids, idsT).feed(mask, maskT).fetch(states).fetch(pooled).run()) {
            TFloat32 h = (TFloat32) r.get(0);
            TFloat32 p = (TFloat32) r.get(1);
            double maxDiff = 0;
            for (int b = 0; b < c.ids().length; b++) {
              for (int t = 0; t < c.ids()[b].length; t++) {
                for (int k = 0; k < config.hiddenSize(); k++) {
                  maxDiff = Math.max(maxDiff, Math.abs(h.getFloat(b, t, k) - c.hidden()[b][t][k]));
                }
              }
            }
            assertTrue(maxDiff < 1e-4, fixture + ": max |hidden - HF| = " + maxDiff);
            double poolDiff = 0;
            for (int b = 0; b < c.ids().length; b++) {
              for (int k = 0; k < config.hiddenSize(); k++) {
                poolDiff = Math.max(poolDiff, Math.abs(p.getFloat(b, k) - c.pooler()[b][k]));
              }
            }
            assertTrue(poolDiff < 1e-4, fixture + ": max |pooler - HF| = " + poolDiff);
            assertEquals(c.ids().length, h.shape().get(0));
          }
        }
      }
    }
  }
}

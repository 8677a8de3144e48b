package io.polyret.core.pipeline;

import io.polyret.core.eval.TextEncoder;
import io.polyret.core.model.DualEncoder;
import io.polyret.core.train.SessionConfigs;
import io.polyret.models.encoder.DropoutContext;
import io.polyret.models.encoder.EncoderVariables;
import io.polyret.models.encoder.Pooling;
import io.polyret.models.encoder.TransformerEncoder;
import io.polyret.models.hf.HuggingFaceModel;
import io.polyret.models.tokenizer.CloseableTokenizer;
import io.polyret.models.tokenizer.EncodedBatch;
import io.polyret.models.tokenizer.TokenizerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A Hugging Face checkpoint folder (XLM-R, BERT, LaBSE, sentence-transformers) as a {@link
 * TextEncoder}, without training: an inference graph over the imported weights. Pooling: the
 * sentence-transformers folder's, else the method's default ({@code cls} for BERT-family models,
 * {@code mean} for XLM-R). Not thread-safe; close it when done.
 */
public final class HuggingFaceTextEncoder implements TextEncoder, AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final CloseableTokenizer tokenizer;
  private final Placeholder<TInt32> ids;
  private final Placeholder<TInt32> mask;
  private final Operand<TFloat32> embedding;
  private final int dimension;
  private final Path directory;
  private final Pooling pooling;
  private String fingerprint;

  private HuggingFaceTextEncoder(Graph graph, Session session, CloseableTokenizer tokenizer, Placeholder<TInt32> ids,
      Placeholder<TInt32> mask, Operand<TFloat32> embedding, int dimension, Path directory, Pooling pooling) {
    this.graph = graph;
    this.session = session;
    this.tokenizer = tokenizer;
    this.ids = ids;
    this.mask = mask;
    this.embedding = embedding;
    this.dimension = dimension;
    this.directory = directory;
    this.pooling = pooling;
  }

  /** Imports a Hugging Face folder with its default pooling. */
  public static HuggingFaceTextEncoder open(Path dir) throws IOException {
    return open(dir, null);
  }

  /** Imports a Hugging Face folder; {@code pooling} null picks the folder's or the model type's default. */
  public static HuggingFaceTextEncoder open(Path dir, Pooling pooling) throws IOException {
    return open(dir, pooling, null);
  }

  /**
   * Imports a Hugging Face folder; {@code pooling} null picks the folder's or the model type's
   * default; {@code sessionConfig} sets threads and devices (null: one intra-op thread per available
   * processor, TensorFlow's devices).
   */
  public static HuggingFaceTextEncoder open(Path dir, Pooling pooling, ConfigProto sessionConfig) throws IOException {
    Graph graph = new Graph();
    Session session = null;
    CloseableTokenizer tokenizer = null;
    try (HuggingFaceModel hf = HuggingFaceModel.open(dir)) {
      Pooling p = pooling != null ? pooling
          : hf.pooling().orElse(hf.config().isXlmRoberta() ? Pooling.MEAN : Pooling.CLS);
      Ops tf = Ops.create(graph);
      EncoderVariables vars =
          EncoderVariables.create(tf, hf.config(), hf.hasPooler(), hf.denseHead().orElse(null), 0);
      Placeholder<TInt32> ids = tf.withName("input_ids").placeholder(TInt32.class);
      Placeholder<TInt32> mask = tf.withName("attention_mask").placeholder(TInt32.class);
      Operand<TFloat32> emb = TransformerEncoder.embed(tf, vars, ids, mask, p, DropoutContext.inference());
      session = new Session(graph, sessionConfig != null ? sessionConfig
          : SessionConfigs.configProto(Runtime.getRuntime().availableProcessors()));
      try (Result ignored = session.runner().addTarget(vars.initializer()).run()) {
        // variables exist before the import assigns them
      }
      hf.loadInto(session, vars);
      tokenizer = TokenizerFactory.fromModelDirectory(dir);
      return new HuggingFaceTextEncoder(graph, session, tokenizer, ids, mask, emb, vars.embeddingSize(), dir, p);
    } catch (IOException | RuntimeException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      if (session != null) {
        session.close();
      }
      graph.close();
      throw e;
    }
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[][] encode(List<String> texts, int maxLength) {
    if (texts.isEmpty()) {
      return new float[0][];
    }
    EncodedBatch batch = tokenizer.encodeBatch(texts, maxLength);
    try (TInt32 idT = DualEncoder.matrix(batch.ids());
        TInt32 maskT = DualEncoder.matrix(batch.mask());
        Result r = session.runner().feed(ids, idT).feed(mask, maskT).fetch(embedding).run()) {
      return StdArrays.array2dCopyOf((TFloat32) r.get(0));
    }
  }

  /**
   * {@code huggingface:}, a SHA-256 over every file of the folder (weights, config, tokenizer) and
   * the pooling: changed weights never hit a stale embedding cache entry. Computed on first use.
   */
  @Override
  public synchronized String fingerprint() {
    if (fingerprint == null) {
      fingerprint = "huggingface:" + DataFiles.sha256(directory) + ":" + pooling.id();
    }
    return fingerprint;
  }

  @Override
  public void close() {
    try {
      tokenizer.close();
    } finally {
      session.close();
      graph.close();
    }
  }
}

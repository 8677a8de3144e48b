package io.polyret.models.encoder;

/**
 * An optional dense layer applied to the pooled sentence vector before L2 normalisation, as a
 * sentence-transformers {@code Dense} module (LaBSE: 768 -> 768 with tanh). Its variables are
 * {@code dense.weight [out, in]} and {@code dense.bias [out]}.
 *
 * @param inFeatures input width; must equal the encoder's hidden size
 * @param outFeatures output width: the sentence embedding size
 * @param bias whether the layer has a bias
 * @param activation applied after the affine map
 */
public record DenseHead(int inFeatures, int outFeatures, boolean bias, Activation activation) {

  /** Variable name of the weight. */
  public static final String WEIGHT = "dense.weight";
  /** Variable name of the bias. */
  public static final String BIAS = "dense.bias";

  /** Activations a sentence-transformers Dense module may use here. */
  public enum Activation {
    IDENTITY,
    TANH;

    /**
     * Maps a sentence-transformers {@code activation_function} class name (e.g. {@code
     * torch.nn.modules.activation.Tanh}); throws {@link IllegalArgumentException} for others.
     */
    public static Activation fromTorchClass(String className) {
      String simple = className == null ? "" : className.substring(className.lastIndexOf('.') + 1);
      switch (simple) {
        case "Tanh":
          return TANH;
        case "Identity":
          return IDENTITY;
        default:
          throw new IllegalArgumentException("activation_function '" + className
              + "' is not supported; supported: [torch.nn.modules.activation.Tanh, torch.nn.modules.linear.Identity]");
      }
    }
  }

  public DenseHead {
    if (inFeatures <= 0 || outFeatures <= 0) {
      throw new IllegalArgumentException(
          "dense layer sizes must be > 0, got in_features=" + inFeatures + ", out_features=" + outFeatures);
    }
    if (activation == null) {
      throw new IllegalArgumentException("dense layer activation is required");
    }
  }
}

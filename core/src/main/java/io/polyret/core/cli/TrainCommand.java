package io.polyret.core.cli;

import static io.polyret.core.cli.SettingOption.Type.FRACTION;
import static io.polyret.core.cli.SettingOption.Type.LONG;
import static io.polyret.core.cli.SettingOption.Type.PATH;
import static io.polyret.core.cli.SettingOption.Type.PATHS;
import static io.polyret.core.cli.SettingOption.Type.POSITIVE_INT;
import static io.polyret.core.cli.SettingOption.Type.POSITIVE_NUMBER;

import java.util.List;

/** {@code polyret train}: fine-tunes a dual encoder with X-X-mono, X-Y or Hybrid batches. */
public final class TrainCommand extends CliCommand {

    /** @param engine the trainer */
    public TrainCommand(CommandEngine engine) {
        super("train", "fine-tune a multilingual dual encoder on parallel training data", List.of(
                SettingOption.of("train-data", "trainData", PATHS,
                        "training data, JSON lines {id, lang, query, positive, negatives}; repeatable"),
                SettingOption.of("validation-data", "validationData", PATHS, "validation data (early stopping)"),
                SettingOption.of("base-model", "baseModel", PATH,
                        "base checkpoint directory (Hugging Face layout) or preset name"),
                SettingOption.of("output", "output", PATH, "directory for checkpoints, training log and final model"),
                SettingOption.choice("sampling", "sampling", List.of("xx-mono", "x-y", "hybrid"), "batch sampling"),
                SettingOption.of("alpha", "alpha", FRACTION, "probability of an X-X-mono batch in hybrid sampling"),
                SettingOption.of("batch-size", "batchSize", POSITIVE_INT, "triplets per batch"),
                SettingOption.of("steps", "steps", POSITIVE_INT, "training steps"),
                SettingOption.of("epochs", "epochs", POSITIVE_INT, "epochs (when steps is not given)"),
                SettingOption.of("learning-rate", "learningRate", POSITIVE_NUMBER, "AdamW peak learning rate"),
                SettingOption.choice("loss", "loss", List.of("in-batch", "paper"), "contrastive loss denominator"),
                SettingOption.of("temperature", "temperature", POSITIVE_NUMBER, "softmax temperature tau"),
                SettingOption.of("seed", "seed", LONG, "seed of initialisation, sampling and dropout")),
                List.of("trainData", "baseModel", "output"), engine);
    }
}

package io.polyret.core.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a command runs once its options are parsed: the bridge from the command line to a
 * polyret-core engine (trainer, evaluator, report writer...).
 *
 * <p>{@code settings} holds the merged configuration: the {@code --config} JSON file overridden by
 * the command line options, under the field names of the configuration model (e.g.
 * {@code batchSize}), so an engine typically starts with {@code SomeConfig.fromJson(settings)}.
 */
@FunctionalInterface
public interface CommandEngine {

    /**
     * Runs the command. Throw {@link IllegalArgumentException} or {@link UsageException} for bad
     * input (exit code 2); any other exception is a failure (exit code 1).
     */
    void run(ObjectNode settings, CommandContext context) throws Exception;

    /** An engine that fails with "{@code command} is not available yet in this build". */
    static CommandEngine notAvailable(String command) {
        return (settings, context) -> {
            throw new EngineNotAvailableException(command);
        };
    }
}

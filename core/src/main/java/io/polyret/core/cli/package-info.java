/**
 * The {@code polyret} command line ({@code java -jar core/target/polyret-cli.jar <command> [options]}).
 *
 * <p>Commands: {@code train}, {@code evaluate}, {@code report}, {@code check}, {@code export},
 * {@code import}, {@code bench}; each accepts {@code --help}, {@code --config file.json} and {@code --verbose}.
 * Every option sets one configuration field (its help names the field), so a JSON config file, the
 * command line and the Maven goals share one set of names; options override the config file. Exit
 * codes: 0 success, 1 failure, 2 bad usage or bad input; a failure prints one line on standard
 * error, {@code --verbose} adds the stack trace. Progress is a redrawn bar on a terminal and plain
 * lines (every 10%) elsewhere ({@link io.polyret.core.cli.CommandContext#progress}).
 *
 * <p>Structure: a command ({@link io.polyret.core.cli.TrainCommand} and its siblings) only
 * declares its options ({@link io.polyret.core.cli.SettingOption}) and required fields;
 * {@link io.polyret.core.cli.CliCommand} parses, merges and checks them into an
 * {@code ObjectNode} of settings and hands it to the command's
 * {@link io.polyret.core.cli.CommandEngine}. Engines are wired in one place,
 * {@link io.polyret.core.cli.Engines#ofThisBuild()}, which the Maven goals use too (in a forked JVM
 * for train, evaluate and export). Field names are camelCase ({@code batchSize}), the same as the
 * Maven parameters and {@code --config} keys; options are their kebab-case form
 * ({@code --batch-size}). See {@code src/site/markdown/cli.md}.
 */
package io.polyret.core.cli;

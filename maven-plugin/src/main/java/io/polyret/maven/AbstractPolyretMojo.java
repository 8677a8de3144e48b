package io.polyret.maven;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polyret.core.cli.CommandContext;
import io.polyret.core.cli.CommandEngine;
import io.polyret.core.cli.ConfigFile;
import io.polyret.core.cli.EngineNotAvailableException;
import io.polyret.core.cli.Engines;
import io.polyret.core.cli.ExitCode;
import io.polyret.core.cli.UsageException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shared behaviour of the polyret goals: {@code polyret.skip} and a skip per goal, and the hand-off
 * of the goal's parameters, as configuration fields, to the same engine the command line uses
 * ({@link Engines}).
 */
public abstract class AbstractPolyretMojo extends AbstractMojo {

    /** Skips every polyret goal. */
    @Parameter(property = "polyret.skip", defaultValue = "false")
    boolean skip;

    /** Engines by command name (used when a goal runs in Maven's JVM); tests replace it. */
    Map<String, CommandEngine> engines = Engines.ofThisBuild();

    /** The goal's name, e.g. {@code check}. */
    protected abstract String goal();

    /** Whether this goal's own skip parameter is set. */
    protected abstract boolean skipGoal();

    /** Does the goal's work. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipGoal()) {
            getLog().info("Skipping polyret:" + goal() + (skip ? " (polyret.skip)" : " (polyret." + goal() + ".skip)"));
            return;
        }
        run();
    }

    /**
     * Settings from an optional JSON config file; the POM's parameters are put on top of it with
     * {@link #put}.
     */
    static ObjectNode settings(File configFile) throws MojoFailureException {
        if (configFile == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return ConfigFile.read(configFile.toPath());
        } catch (UsageException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** Sets {@code key} when {@code value} is given (null leaves the config file's or the engine's default). */
    static void put(ObjectNode settings, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof File file) {
            settings.put(key, file.getPath());
        } else if (value instanceof Integer number) {
            settings.put(key, number);
        } else if (value instanceof Long number) {
            settings.put(key, number);
        } else if (value instanceof Double number) {
            settings.put(key, number);
        } else if (value instanceof Boolean flag) {
            settings.put(key, flag);
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return;
            }
            ArrayNode array = settings.putArray(key);
            list.forEach(item -> array.add(item instanceof File file ? file.getPath() : String.valueOf(item)));
        } else {
            settings.put(key, value.toString());
        }
    }

    /**
     * Runs {@code command} in a forked JVM ({@link ForkedCommand}): its output goes to the Maven log,
     * exit code 2 (bad configuration) fails the build with the command's one-line message, any other
     * failure or a timeout errors it.
     */
    void runForked(ForkedCommand fork, ObjectNode settings) throws MojoExecutionException, MojoFailureException {
        getLog().debug("polyret:" + goal() + " forks: " + String.join(" ", fork.commandLine(Path.of("settings.json"))));
        try {
            // Standard error carries TensorFlow's native log lines: information, not warnings.
            fork.run(settings, line -> getLog().info(line), line -> getLog().info(line));
        } catch (ForkedCommand.Failure e) {
            String message = "polyret:" + goal() + ": " + e.getMessage();
            if (e.exitCode() == ExitCode.USAGE) {
                throw new MojoFailureException(message);
            }
            throw new MojoExecutionException(message);
        } catch (IOException e) {
            throw new MojoExecutionException("polyret:" + goal() + ": cannot start a JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("polyret:" + goal() + " interrupted", e);
        }
    }

    /**
     * Runs the engine of {@code command} with {@code settings}; its output goes to the Maven log.
     * Bad configuration fails the build (BUILD FAILURE), anything unexpected errors it.
     */
    void runEngine(String command, ObjectNode settings) throws MojoExecutionException, MojoFailureException {
        CommandEngine engine = engines.get(command);
        try (PrintStream out = new PrintStream(new MavenLogStream(getLog()::info), true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new MavenLogStream(getLog()::warn), true, StandardCharsets.UTF_8)) {
            engine.run(settings, new CommandContext(command, out, err, getLog().isDebugEnabled(), false, System::nanoTime));
        } catch (EngineNotAvailableException e) {
            throw new MojoFailureException("polyret:" + goal() + " is not available yet in this build");
        } catch (IllegalArgumentException | UsageException e) {
            throw new MojoFailureException("polyret:" + goal() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new MojoExecutionException("polyret:" + goal() + " failed: " + e.getMessage(), e);
        }
    }
}

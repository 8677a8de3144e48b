package io.polyret.core.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.ParseException;

/**
 * The {@code polyret} command line: {@code polyret <command> [options]} with the commands
 * {@code train, evaluate, report, export, import, bench}.
 *
 * <p>Exit codes: 0 success, 1 failure (including a failed quality gate and a command not available
 * in this build), 2 bad
 * usage or bad input. A failure prints one line on standard error; {@code --verbose} adds the stack
 * trace.
 */
public final class PolyretCli {
    private static final int HELP_WIDTH = 100;

    private final Map<String, CliCommand> commands = new LinkedHashMap<>();

    /** @param engines engine per command name (see {@link Engines#ofThisBuild()}) */
    public PolyretCli(Map<String, CommandEngine> engines) {
        Map<String, Function<CommandEngine, CliCommand>> factories = Map.of(
                "train", TrainCommand::new, "evaluate", EvaluateCommand::new, "report", ReportCommand::new,
                "check", CheckCommand::new, "export", ExportCommand::new, "import", ImportCommand::new,
                "bench", BenchCommand::new);
        for (String name : Engines.COMMANDS) {
            CommandEngine engine = engines.get(name);
            if (engine == null) {
                throw new IllegalArgumentException("no engine for command '" + name + "'");
            }
            commands.put(name, factories.get(name).apply(engine));
        }
    }

    /** Runs {@code polyret} and exits with its exit code. */
    public static void main(String[] args) {
        int code = new PolyretCli(Engines.ofThisBuild())
                .run(args, System.out, System.err, System.console() != null);
        System.exit(code);
    }

    /** The commands, by name, in help order. */
    public Map<String, CliCommand> commands() {
        return commands;
    }

    /**
     * Runs one invocation.
     *
     * @param terminal whether {@code out} is an interactive terminal (progress bars)
     * @return the exit code
     */
    public int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        boolean verbose = Arrays.stream(args).anyMatch(arg -> arg.equals("-v") || arg.equals("--verbose"));
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        // --verbose may also come before the command.
        while (!rest.isEmpty() && (rest.get(0).equals("-v") || rest.get(0).equals("--verbose"))) {
            rest.remove(0);
        }
        if (rest.isEmpty()) {
            err.println("polyret: missing command; one of " + String.join(", ", commands.keySet())
                    + " (see 'polyret --help')");
            return ExitCode.USAGE;
        }
        String first = rest.get(0);
        if (first.equals("-h") || first.equals("--help") || first.equals("help")) {
            if (rest.size() == 1) {
                printUsage(out);
                return ExitCode.SUCCESS;
            }
            CliCommand command = commands.get(rest.get(1));
            if (command == null) {
                return unknownCommand(rest.get(1), err);
            }
            printHelp(command, out);
            return ExitCode.SUCCESS;
        }
        if (first.equals("--version")) {
            out.println("polyret " + version());
            return ExitCode.SUCCESS;
        }
        CliCommand command = commands.get(first);
        if (command == null) {
            return unknownCommand(first, err);
        }
        String prefix = "polyret " + command.name() + ": ";
        try {
            CommandLine commandLine = new DefaultParser().parse(command.options(),
                    rest.subList(1, rest.size()).toArray(new String[0]));
            if (commandLine.hasOption(CliCommand.HELP)) {
                printHelp(command, out);
                return ExitCode.SUCCESS;
            }
            if (!commandLine.getArgList().isEmpty()) {
                throw new UsageException("unexpected argument '" + commandLine.getArgList().get(0) + "'");
            }
            ObjectNode settings = command.settingsFrom(commandLine);
            command.execute(settings, new CommandContext(command.name(), out, err, verbose, terminal, System::nanoTime));
            return ExitCode.SUCCESS;
        } catch (ParseException | UsageException | IllegalArgumentException e) {
            report(err, prefix + oneLine(e) + " (see 'polyret " + command.name() + " --help')", e, verbose);
            return ExitCode.USAGE;
        } catch (EngineNotAvailableException e) {
            report(err, prefix + "not available yet in this build", e, verbose);
            return ExitCode.FAILURE;
        } catch (Exception | LinkageError e) {
            // LinkageError: a missing native library or jar surfaces as one, and deserves one line too.
            report(err, prefix + "failed: " + oneLine(e), e, verbose);
            return ExitCode.FAILURE;
        }
    }

    private int unknownCommand(String name, PrintStream err) {
        err.println("polyret: unknown command '" + name + "'; one of " + String.join(", ", commands.keySet())
                + " (see 'polyret --help')");
        return ExitCode.USAGE;
    }

    private static void report(PrintStream err, String line, Throwable error, boolean verbose) {
        err.println(line);
        if (verbose) {
            error.printStackTrace(err);
        }
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private void printUsage(PrintStream out) {
        out.println("usage: polyret <command> [options]   (polyret <command> --help for its options)");
        out.println();
        out.println("commands:");
        commands.values().forEach(command -> out.printf("  %-10s %s%n", command.name(), command.summary()));
        out.println();
        out.println("options of every command: -c/--config file.json, -v/--verbose, -h/--help");
        out.println("exit codes: 0 success, 1 failure, 2 bad usage or bad input");
        out.flush();
    }

    private static void printHelp(CliCommand command, PrintStream out) {
        PrintWriter writer = new PrintWriter(out);
        new HelpFormatter().printHelp(writer, HELP_WIDTH, "polyret " + command.name() + " [options]",
                command.summary() + "\n\n", command.options(), 2, 3,
                "\nOptions override the fields of --config; paths are relative to the working directory.");
        writer.flush();
    }

    private static String version() {
        String version = PolyretCli.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }
}

package org.convpaint.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Entry point of the {@code convpaint} command: {@code inspect}, {@code predict} and {@code help}, each with
 * {@code -h, --help} and {@code -V, --version}. Arguments are parsed by {@link CommandSyntax} (no reflection, so
 * that a run starts quickly).
 *
 * <p>Exit codes: 0 success; 1 processing failed (for {@code predict}: some inputs failed); 2 usage error or an
 * unusable model file.
 */
public final class Main {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    static final String NAME = "convpaint";
    private static final String DESCRIPTION = "Apply napari-convpaint pixel classifiers (.pkl) to microscopy images, "
            + "without Python.";
    private static final String HELP_DESCRIPTION = "Display help information about the specified command.";
    private static final List<String> COMMANDS = List.of("inspect", "predict", "help");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /** Runs the command with the given streams and the process environment; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs the command with the given streams and environment variables; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        // DJL logs through slf4j-simple: only errors with --quiet; its failed GPU probe (CUDA libraries present, no
        // usable driver, as on HPC login nodes) says nothing the user must act on, so it shows only with --verbose
        boolean quiet = hasFlag(args, "--quiet", 'q');
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", quiet ? "error" : "warn");
        if (!hasFlag(args, "--verbose", 'v')) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            return dispatch(args, out, err, env);
        } catch (UsageException e) {
            return ErrorReporter.usage(e, err);
        }
    }

    private static int dispatch(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env)
            throws UsageException {
        if (args.length == 0) {
            throw new UsageException(NAME, "Missing required subcommand");
        }
        String first = args[0];
        switch (first) {
            case "-h", "--help" -> {
                printUsage(out);
                return EXIT_OK;
            }
            case "-V", "--version" -> {
                out.println(version());
                out.flush();
                return EXIT_OK;
            }
            case "help" -> {
                return help(args, out);
            }
            case "predict" -> {
                CommandSyntax syntax = PredictCommand.syntax();
                CommandSyntax.Parsed parsed = syntax.parse(args, 1);
                return parsed.help() || parsed.version() ? helpOrVersion(syntax, parsed, out)
                        : execute(new PredictCommand(parsed, err, env), err);
            }
            case "inspect" -> {
                CommandSyntax syntax = InspectCommand.syntax();
                CommandSyntax.Parsed parsed = syntax.parse(args, 1);
                return parsed.help() || parsed.version() ? helpOrVersion(syntax, parsed, out)
                        : execute(new InspectCommand(parsed, out), err);
            }
            default -> {
                if (first.startsWith("-") && !first.equals("-")) {
                    throw new UsageException(NAME, "Unknown option: '" + first + "'");
                }
                List<String> alike = Similarity.mostAlike(first, COMMANDS);
                throw new UsageException(NAME, "Unmatched argument at index 0: '" + first + "'",
                        alike.isEmpty() ? null : "Did you mean: " + NAME + " " + String.join(" or ", alike) + "?");
            }
        }
    }

    /** {@code convpaint help [COMMAND]}. */
    private static int help(String[] args, PrintWriter out) throws UsageException {
        if (args.length < 2) {
            printUsage(out);
        } else if (args[1].equals("predict")) {
            PredictCommand.syntax().printUsage(out);
        } else if (args[1].equals("inspect")) {
            InspectCommand.syntax().printUsage(out);
        } else if (args[1].equals("help")) {
            HelpText.wrapWords(out, "Usage: " + NAME + " help ", List.of("[COMMAND]"), "");
            HelpText.wrap(out, HELP_DESCRIPTION, "", "");
            out.flush();
        } else {
            throw new UsageException(NAME, "Unknown subcommand '" + args[1] + "'.");
        }
        return EXIT_OK;
    }

    private static int helpOrVersion(CommandSyntax syntax, CommandSyntax.Parsed parsed, PrintWriter out) {
        if (parsed.help()) {
            syntax.printUsage(out);
        } else {
            out.println(version());
            out.flush();
        }
        return EXIT_OK;
    }

    /** Runs a command; its failures become messages and exit codes ({@link ErrorReporter}). */
    private static int execute(Callable<Integer> command, PrintWriter err) {
        try {
            return command.call();
        } catch (Exception e) {
            return ErrorReporter.report(e, command, err);
        }
    }

    /** The main help: synopsis, description, options and commands. */
    private static void printUsage(PrintWriter out) {
        HelpText.wrapWords(out, "Usage: " + NAME + " ", List.of("[-hV]", "[COMMAND]"), "");
        HelpText.wrap(out, DESCRIPTION, "", "");
        HelpText.row(out, "  -h, --help", 18, CommandSyntax.HELP.description());
        HelpText.row(out, "  -V, --version", 18, CommandSyntax.VERSION.description());
        out.println("Commands:");
        // the command rows wrap two columns earlier, as they always have
        HelpText.row(out, "  inspect", 11, InspectCommand.DESCRIPTION, HelpText.WIDTH - 2);
        HelpText.row(out, "  predict", 11, PredictCommand.DESCRIPTION, HelpText.WIDTH - 2);
        HelpText.row(out, "  help", 11, HELP_DESCRIPTION, HelpText.WIDTH - 2);
        out.flush();
    }

    /** Whether {@code args} hold the long flag or its short letter (alone or clustered, e.g. {@code -rq}). */
    static boolean hasFlag(String[] args, String longName, char shortName) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals(longName) || (a.matches("-[a-zA-Z]+") && a.indexOf(shortName) > 0)) {
                return true;
            }
        }
        return false;
    }

    /** The version line, from the jar manifest. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return NAME + " " + (v == null ? "(development build)" : v);
    }
}

package org.convpaint.cli;

import java.io.PrintWriter;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code convpaint} command.
 *
 * <p>Exit codes: 0 success; 1 processing failed (for {@code predict}: some inputs failed); 2 usage error or an
 * unusable model file.
 */
@Command(name = "convpaint", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Apply napari-convpaint pixel classifiers (.pkl) to microscopy images, without Python.",
        subcommands = {InspectCommand.class, PredictCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    private final Map<String, String> env;

    private Main(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Environment variables the commands consult (e.g. {@code CONVPAINT_WEIGHTS_DIR}, {@code TORCH_HOME}). */
    Map<String, String> env() {
        return env;
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
        CommandLine cl = new CommandLine(new Main(env));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler(Main::usageError);
        return cl.execute(args);
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

    /** A usage error: one line naming the problem (and picocli's suggestions for a mistyped option), exit 2. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("convpaint: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("(see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"convpaint " + (v == null ? "(development build)" : v)};
        }
    }
}

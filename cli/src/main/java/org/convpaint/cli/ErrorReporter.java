package org.convpaint.cli;

import java.io.PrintWriter;

import org.convpaint.ConvpaintException;

/**
 * Turns an exception escaping a command into one line on stderr ({@code convpaint: <message>}) and an exit code;
 * the stack trace is printed only with {@code --verbose}. Model and input errors ({@link ConvpaintException}) exit
 * with the command's {@link ExitCodes#failureCode()}; anything else is an internal error (exit 1). Usage errors
 * ({@link UsageException}) name the problem, any hints and the command's help; exit 2.
 */
final class ErrorReporter {
    private ErrorReporter() {
    }

    /** Reports {@code ex} thrown by {@code cmd}; returns the exit code. */
    static int report(Exception ex, Object cmd, PrintWriter err) {
        if (ex instanceof UsageException usage) {
            return usage(usage, err);
        }
        boolean verbose = cmd instanceof Verbosity v && v.verbose();
        if (ex instanceof ConvpaintException) {
            err.println("convpaint: " + ex.getMessage());
        } else {
            err.println("convpaint: internal error: " + ex);
        }
        if (verbose) {
            ex.printStackTrace(err);
        } else if (!(ex instanceof ConvpaintException)) {
            err.println("(run again with --verbose for details)");
        }
        err.flush();
        if (ex instanceof ConvpaintException && cmd instanceof ExitCodes codes) {
            return codes.failureCode();
        }
        return Main.EXIT_FAILED;
    }

    /** A usage error: one line naming the problem, hints if any, where help is; exit 2. */
    static int usage(UsageException ex, PrintWriter err) {
        err.println("convpaint: " + ex.getMessage());
        if (ex.hint() != null) {
            err.println(ex.hint());
        }
        err.println("(see '" + ex.command() + " --help')");
        err.flush();
        return Main.EXIT_USAGE;
    }

    /** A command that knows whether {@code --verbose} was given. */
    interface Verbosity {
        boolean verbose();
    }

    /** A command that picks the exit code for model/input errors. */
    interface ExitCodes {
        int failureCode();
    }
}

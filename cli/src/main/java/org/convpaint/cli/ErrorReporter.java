package org.convpaint.cli;

import org.convpaint.ConvpaintException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one line on stderr ({@code convpaint: <message>}) and an exit code;
 * the stack trace is printed only with {@code --verbose}. Model and input errors ({@link ConvpaintException}) exit
 * with the command's {@link ExitCodes#failureCode()}; anything else is an internal error (exit 1).
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        Object cmd = cl.getCommand();
        boolean verbose = cmd instanceof Verbosity v && v.verbose();
        if (ex instanceof ConvpaintException) {
            cl.getErr().println("convpaint: " + ex.getMessage());
        } else {
            cl.getErr().println("convpaint: internal error: " + ex);
        }
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        } else if (!(ex instanceof ConvpaintException)) {
            cl.getErr().println("(run again with --verbose for details)");
        }
        cl.getErr().flush();
        if (ex instanceof ConvpaintException && cmd instanceof ExitCodes codes) {
            return codes.failureCode();
        }
        return Main.EXIT_FAILED;
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

package org.convpaint.cli;

/**
 * A command line that cannot run: unknown or malformed options, missing arguments, invalid values. Reported as
 * {@code convpaint: <message>}, optional hints, and a pointer to the command's help; exit code 2.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String command;
    private final String hint;

    /**
     * @param command the qualified command whose help is meant, e.g. {@code convpaint predict}
     * @param message the problem, one line
     */
    UsageException(String command, String message) {
        this(command, message, null);
    }

    /** @param hint a line of suggestions after the message (e.g. {@code Possible solutions: --format}), or null */
    UsageException(String command, String message, String hint) {
        super(message);
        this.command = command;
        this.hint = hint;
    }

    /** The qualified command whose help is meant. */
    String command() {
        return command;
    }

    /** A line of suggestions, or null. */
    String hint() {
        return hint;
    }
}

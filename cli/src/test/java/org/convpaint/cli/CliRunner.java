package org.convpaint.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command in-process and captures its exit code, stdout and stderr. */
record CliRunner(int exit, String out, String err) {
    static CliRunner run(String... args) {
        return runWithEnv(java.util.Map.of(), args);
    }

    /** Runs with exactly these environment variables (none of the machine's). */
    static CliRunner runWithEnv(java.util.Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new CliRunner(code, out.toString(), err.toString());
    }
}

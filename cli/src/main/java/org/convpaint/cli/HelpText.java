package org.convpaint.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Help text layout: paragraphs wrapped at {@value #WIDTH} columns, and two-column rows (names, then a description
 * whose continuation lines are indented two more columns). Stateless.
 */
final class HelpText {
    static final int WIDTH = 80;
    /** Widest name column of option rows before descriptions move below their names. */
    static final int LONG_COLUMN = 20;

    private HelpText() {
    }

    /** Words joined by spaces after {@code head}, wrapped; continuation lines start with {@code indent}. */
    static void wrapWords(PrintWriter out, String head, List<String> words, String indent) {
        StringBuilder line = new StringBuilder(head);
        boolean empty = true;
        for (String w : words) {
            if (!empty && line.length() + 1 + w.length() > WIDTH) {
                out.println(line);
                line = new StringBuilder(indent);
                empty = true;
            }
            line.append(empty ? "" : " ").append(w);
            empty = false;
        }
        out.println(line);
    }

    /** A paragraph wrapped at word boundaries: the first line starts with {@code first}, the others {@code rest}. */
    static void wrap(PrintWriter out, String text, String first, String rest) {
        List<String> lines = lines(text, WIDTH - first.length(), WIDTH - rest.length());
        for (int i = 0; i < lines.size(); i++) {
            out.println((i == 0 ? first : rest) + lines.get(i));
        }
    }

    /**
     * A row: {@code names}, then the description from column {@code column} (on the next line when the names reach
     * it), continued from column {@code column + 2}.
     */
    static void row(PrintWriter out, String names, int column, String description) {
        row(out, names, column, description, WIDTH);
    }

    /** As {@link #row(PrintWriter, String, int, String)}, lines at most {@code width} characters long. */
    static void row(PrintWriter out, String names, int column, String description, int width) {
        List<String> lines = lines(description, width - column, width - column - 2);
        String pad = " ".repeat(column);
        if (names.length() > column - 2) {
            out.println(names);
            out.println(pad + lines.get(0));
        } else {
            out.println(names + " ".repeat(column - names.length()) + lines.get(0));
        }
        for (String l : lines.subList(1, lines.size())) {
            out.println(pad + "  " + l);
        }
    }

    /** The words of {@code text} in lines of at most {@code firstWidth}, then {@code width} characters. */
    static List<String> lines(String text, int firstWidth, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : text.split(" ")) {
            int limit = out.isEmpty() ? firstWidth : width;
            if (line.length() > 0 && line.length() + 1 + w.length() > limit) {
                out.add(line.toString());
                line = new StringBuilder();
            }
            line.append(line.length() > 0 ? " " : "").append(w);
        }
        out.add(line.toString());
        return out;
    }
}

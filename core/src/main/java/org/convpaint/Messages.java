package org.convpaint;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/**
 * Renders text and values that come from untrusted files for use inside one-line messages. Every string read from a
 * model or weights file (class names, dict keys, values, parser messages) goes through {@link #quote(String)} or
 * {@link #describe(Object)} before it is put into an exception message, so that a hostile file can neither forge
 * extra output lines or terminal escape sequences nor make a message arbitrarily long.
 *
 * <p>Contract: the result never contains a control character, a Unicode line/paragraph separator or a format
 * character (bidi overrides and the like); those are written as {@code \n}, {@code \r}, {@code \t} or
 * {@code \\uXXXX}. It is at most {@link #MAX_CHARS} characters (escapes counted as written) plus a few more for the
 * quotes, the last escape and a final {@code …}. Stateless and
 * thread-safe.
 */
public final class Messages {
    /** Most characters of file-derived text shown in one message part. */
    public static final int MAX_CHARS = 100;

    private Messages() {
    }

    /** {@code s} in single quotes, escaped and truncated; {@code None} for null. */
    public static String quote(String s) {
        if (s == null) {
            return "None";
        }
        StringBuilder out = new StringBuilder("'");
        appendEscaped(out, s, MAX_CHARS);
        return out.append('\'').toString();
    }

    /**
     * A short Python-like rendering of an untrusted value: strings quoted as by {@link #quote(String)}, numbers and
     * booleans as text, lists, tuples, dicts and other objects summarised within {@link #MAX_CHARS} characters.
     * Never recurses past that budget, so shared or deeply nested structures cost time proportional to the budget.
     */
    public static String describe(Object o) {
        StringBuilder out = new StringBuilder();
        render(out, o, 0);
        if (out.length() > MAX_CHARS) {
            out.setLength(MAX_CHARS);
            out.append('…');
        }
        return out.toString();
    }

    private static void render(StringBuilder out, Object o, int depth) {
        if (out.length() > MAX_CHARS) {
            return;
        }
        if (o == null) {
            out.append("None");
        } else if (o instanceof String s) {
            out.append(quote(s));
        } else if (o instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (o instanceof Number n) {
            appendEscaped(out, n.toString(), MAX_CHARS);
        } else if (o instanceof byte[] b) {
            out.append("bytes[").append(b.length).append(']');
        } else if (o instanceof Map<?, ?> m) {
            renderItems(out, m.entrySet(), '{', '}', depth);
        } else if (o instanceof Collection<?> c) {
            renderItems(out, c, '[', ']', depth);
        } else if (o.getClass().isArray()) {
            int n = Array.getLength(o);
            out.append('(');
            for (int i = 0; i < n && out.length() <= MAX_CHARS; i++) {
                out.append(i == 0 ? "" : ", ");
                renderChild(out, Array.get(o, i), depth);
            }
            out.append(')');
        } else if (o instanceof Map.Entry<?, ?> e) {
            renderChild(out, e.getKey(), depth);
            out.append(": ");
            renderChild(out, e.getValue(), depth);
        } else {
            appendEscaped(out, o.getClass().getSimpleName(), MAX_CHARS);
        }
    }

    private static void renderItems(StringBuilder out, Collection<?> items, char open, char close, int depth) {
        out.append(open);
        boolean first = true;
        for (Object item : items) {
            if (out.length() > MAX_CHARS) {
                break;
            }
            out.append(first ? "" : ", ");
            first = false;
            renderChild(out, item, depth);
        }
        out.append(close);
    }

    private static void renderChild(StringBuilder out, Object child, int depth) {
        if (depth >= 8) {
            out.append("...");
        } else {
            render(out, child, depth + 1);
        }
    }

    /** Appends {@code s} escaped, stopping with {@code …} once {@code max} characters (escapes included) are out. */
    private static void appendEscaped(StringBuilder out, String s, int max) {
        int end = out.length() + max;
        for (int i = 0; i < s.length(); i++) {
            if (out.length() >= end) {
                out.append('…');
                return;
            }
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                default -> {
                    if (needsEscape(s, i, c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static boolean needsEscape(String s, int i, char c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}

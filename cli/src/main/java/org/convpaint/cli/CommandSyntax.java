package org.convpaint.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options and parameters of one command, how its arguments are parsed, and its help text, all from one table.
 * Conventions: options may come anywhere before {@code --} (everything after it is a parameter); a long option's
 * value follows it or an {@code =}; a short option's value follows it, an {@code =} or the letter itself
 * ({@code -mMODEL}); short flags cluster ({@code -qr}, and the last of a cluster may take a value: {@code -qm
 * MODEL}); a flag may be given {@code =true} or {@code =false}; {@code -} alone is a parameter. Values are
 * converted while parsing, so that the first malformed argument is the one reported; then help and version
 * requests win, then missing required arguments are reported, then unknown ones. Every command has
 * {@code -h, --help} and {@code -V, --version}. Immutable.
 */
final class CommandSyntax {
    /** What an option's value is converted to. */
    enum Type {
        /** No value: present or not. */
        FLAG,
        INT,
        STRING,
        PATH
    }

    /**
     * One option.
     *
     * @param names       its names, short first ({@code -m}, {@code --model}); the last is its name in messages
     * @param label       what its value is called in help and messages (flags: null)
     * @param type        what the value is converted to
     * @param repeatable  may be given several times, the values collected in order
     * @param split       each value is a comma-separated list (implies repeatable)
     * @param required    must be given
     * @param description its help text, one paragraph
     */
    record Option(List<String> names, String label, Type type, boolean repeatable, boolean split, boolean required,
            String description) {
        String name() {
            return names.get(names.size() - 1);
        }

        boolean flag() {
            return type == Type.FLAG;
        }

        boolean collects() {
            return repeatable || split;
        }

        String shortName() {
            return names.get(0).startsWith("--") ? null : names.get(0);
        }

        String longName() {
            return names.get(names.size() - 1).startsWith("--") ? names.get(names.size() - 1) : null;
        }
    }

    /** The parameters (positional arguments): at least one, or exactly one. */
    record Parameters(String label, boolean many, String description) {
    }

    static final Option HELP = new Option(List.of("-h", "--help"), null, Type.FLAG, false, false, false,
            "Show this help message and exit.");
    static final Option VERSION = new Option(List.of("-V", "--version"), null, Type.FLAG, false, false, false,
            "Print version information and exit.");

    /** Names ignoring dashes and case, lower case first where only case differs ({@code -v} before {@code -V}). */
    private static Comparator<String> nameOrder() {
        return Comparator.comparing((String s) -> s.replace("-", "").toLowerCase(Locale.ROOT))
                .thenComparing(Comparator.reverseOrder());
    }

    private final String command;
    private final String description;
    private final List<Option> options;
    private final Parameters parameters;
    private final Map<String, Option> byName = new HashMap<>();

    /**
     * @param command     the qualified command, e.g. {@code convpaint predict}
     * @param options     its options in help order ({@code --help} and {@code --version} are added at the end)
     * @param sorted      list the options in the help by name instead
     * @param parameters  its parameters
     */
    CommandSyntax(String command, String description, List<Option> options, boolean sorted, Parameters parameters) {
        this.command = command;
        this.description = description;
        List<Option> all = new ArrayList<>(options);
        all.add(HELP);
        all.add(VERSION);
        if (sorted) {
            all.sort(Comparator.comparing(o -> o.names().get(0), nameOrder()));
        }
        this.options = List.copyOf(all);
        this.parameters = parameters;
        for (Option o : this.options) {
            for (String n : o.names()) {
                byName.put(n, o);
            }
        }
    }

    String command() {
        return command;
    }

    /**
     * Options given and parameters, converted; {@link #help()} and {@link #version()} are asked for first.
     *
     * @param values the values of the options given, by {@link Option#name()}
     */
    record Parsed(Map<String, List<Object>> values, List<Path> parameters) {
        boolean help() {
            return values.containsKey(HELP.name());
        }

        boolean version() {
            return values.containsKey(VERSION.name());
        }

        /** The single value of {@code option} (its {@link Option#name()}), or null when it was not given. */
        Object value(String option) {
            List<Object> v = values(option);
            return v.isEmpty() ? null : v.get(0);
        }

        /** All values of an option (its {@link Option#name()}), in order; empty when it was not given. */
        List<Object> values(String option) {
            List<Object> v = values.get(option);
            return v == null ? List.of() : v;
        }

        boolean flag(String option) {
            return value(option) != null;
        }
    }

    /**
     * Parses {@code args[from..]} ({@code args[from - 1]} names this command, if any).
     *
     * @throws UsageException naming the first malformed argument, else the missing or unknown ones
     */
    Parsed parse(String[] args, int from) throws UsageException {
        // keyed by name: a record's hashCode would start the JDK's record bootstrap machinery
        Map<String, List<Object>> values = new HashMap<>();
        List<Path> params = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int firstExtra = -1;
        boolean endOfOptions = false;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (endOfOptions || a.equals("-") || !a.startsWith("-")) {
                if (!parameters.many() && !params.isEmpty()) {
                    firstExtra = firstExtra < 0 ? i : firstExtra;
                    continue;
                }
                params.add(path(a, null));
            } else if (a.equals("--")) {
                endOfOptions = true;
            } else if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                Option o = byName.get(eq > 0 ? a.substring(0, eq) : a);
                if (o == null) {
                    unknown.add("'" + a + "'");
                } else {
                    i = take(o, eq > 0 ? a.substring(eq + 1) : null, args, i, values);
                }
            } else {
                for (int p = 1; p < a.length(); p++) {
                    Option o = byName.get("-" + a.charAt(p));
                    if (o == null) {
                        unknown.add("'-" + a.charAt(p) + "'" + (p > 1 ? " (while processing option: '" + a + "')"
                                : ""));
                        break;
                    }
                    String rest = a.substring(p + 1);
                    if (o.flag() && !rest.startsWith("=")) {
                        take(o, null, args, i, values);
                        continue;
                    }
                    i = take(o, rest.isEmpty() ? null : rest.startsWith("=") ? rest.substring(1) : rest, args, i,
                            values);
                    break;
                }
            }
        }
        Parsed parsed = new Parsed(values, List.copyOf(params));
        if (parsed.help() || parsed.version()) {
            return parsed;
        }
        checkRequired(values, params);
        if (!unknown.isEmpty()) {
            throw new UsageException(command, "Unknown option" + (unknown.size() > 1 ? "s: " : ": ")
                    + String.join(", ", unknown), suggestions(unknown.get(0)));
        }
        if (firstExtra >= 0) {
            throw new UsageException(command, "Unmatched argument at index " + firstExtra + ": '" + args[firstExtra]
                    + "'");
        }
        return parsed;
    }

    /** Records option {@code o} (its value attached, or null: the next argument); returns the last index used. */
    private int take(Option o, String attached, String[] args, int i, Map<String, List<Object>> values)
            throws UsageException {
        List<Object> got = values.get(o.name());
        if (got == null) {
            got = new ArrayList<>();
            values.put(o.name(), got);
        }
        if (!got.isEmpty() && !o.collects()) {
            throw new UsageException(command, "option '" + o.name() + "'" + (o.flag() ? "" : " (" + o.label() + ")")
                    + " should be specified only once");
        }
        if (o.flag()) {
            if (attached != null && !attached.equalsIgnoreCase("true") && !attached.equalsIgnoreCase("false")) {
                throw new UsageException(command, "Invalid value for option '" + o.name() + "': '" + attached
                        + "' is not a boolean");
            }
            if (attached != null && attached.equalsIgnoreCase("false")) {
                values.remove(o.name());
            } else {
                got.add(Boolean.TRUE);
            }
            return i;
        }
        String value = attached;
        int last = i;
        if (value == null) {
            if (i + 1 >= args.length) {
                throw new UsageException(command, "Missing required parameter for option '" + o.name() + "' ("
                        + o.label() + ")");
            }
            value = args[++last];
            if (isOption(value)) {
                throw new UsageException(command, "Expected parameter for option '" + o.name() + "' but found '"
                        + value + "'");
            }
        }
        for (String part : o.split() ? value.split(",", -1) : new String[] {value}) {
            got.add(convert(o, part));
        }
        return last;
    }

    /** Whether {@code arg} names one of this command's options (alone, with {@code =}, or leading a cluster). */
    private boolean isOption(String arg) {
        if (arg.startsWith("--")) {
            int eq = arg.indexOf('=');
            return byName.containsKey(eq > 0 ? arg.substring(0, eq) : arg);
        }
        return arg.length() > 1 && arg.startsWith("-") && byName.containsKey(arg.substring(0, 2));
    }

    private Object convert(Option o, String text) throws UsageException {
        String what = "Invalid value for option '" + o.name() + "'" + (o.collects() ? " (" + o.label() + ")" : "");
        return switch (o.type()) {
            case INT -> {
                try {
                    yield Integer.valueOf(text.strip());
                } catch (NumberFormatException e) {
                    throw new UsageException(command, what + ": '" + text + "' is not an int");
                }
            }
            case PATH -> path(text, what);
            default -> text;
        };
    }

    private Path path(String text, String what) throws UsageException {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException(command, (what != null ? what : "Invalid value for parameter '"
                    + parameters.label() + "'") + ": '" + text + "' is not a path (" + e.getReason() + ")");
        }
    }

    private void checkRequired(Map<String, List<Object>> values, List<Path> params) throws UsageException {
        List<String> missing = new ArrayList<>();
        for (Option o : options) {
            if (o.required() && !values.containsKey(o.name())) {
                missing.add("'" + o.name() + "=" + o.label() + "'");
            }
        }
        boolean noParams = params.isEmpty();
        if (missing.isEmpty() && !noParams) {
            return;
        }
        String message;
        if (missing.isEmpty()) {
            message = "Missing required parameter: '" + parameters.label() + "'";
        } else if (noParams) {
            missing.add("'" + parameters.label() + "'");
            message = "Missing required options and parameters: " + String.join(", ", missing);
        } else {
            message = "Missing required option" + (missing.size() > 1 ? "s: " : ": ") + String.join(", ", missing);
        }
        throw new UsageException(command, message);
    }

    /** {@code Possible solutions: ...} for an unknown long option: the options whose names are most alike. */
    private String suggestions(String quotedUnknown) {
        String unknown = quotedUnknown.substring(1, quotedUnknown.indexOf('\'', 1));
        if (!unknown.startsWith("--")) {
            return null;
        }
        String name = unknown.contains("=") ? unknown.substring(0, unknown.indexOf('=')) : unknown;
        List<String> alike = Similarity.mostAlike(name, options.stream().map(Option::longName)
                .filter(n -> n != null).toList());
        return alike.isEmpty() ? null : "Possible solutions: " + String.join(", ", alike);
    }

    /** Prints the help: synopsis, description, parameters and options. */
    void printUsage(PrintWriter out) {
        List<String> parts = new ArrayList<>();
        StringBuilder shortFlags = new StringBuilder();
        options.stream().filter(o -> o.flag() && o.shortName() != null)
                .map(o -> o.shortName().substring(1))
                .sorted(nameOrder()).forEach(shortFlags::append);
        if (shortFlags.length() > 0) {
            parts.add("[-" + shortFlags + "]");
        }
        options.stream().filter(o -> o.flag() && o.shortName() == null).map(Option::name).sorted()
                .forEach(n -> parts.add("[" + n + "]"));
        options.stream().filter(o -> !o.flag() && !o.collects())
                .sorted(Comparator.comparing(o -> synopsisName(o).replace("-", "")))
                .forEach(o -> parts.add(o.required() ? synopsisName(o) + "=" + o.label()
                        : "[" + synopsisName(o) + "=" + o.label() + "]"));
        options.stream().filter(Option::collects)
                .sorted(Comparator.comparing(o -> synopsisName(o).replace("-", "")))
                .forEach(o -> parts.add("[" + synopsisName(o) + "=" + o.label()
                        + (o.split() ? "[," + o.label() + "...]" : "") + "]..."));
        parts.add(parameters.label() + (parameters.many() ? "..." : ""));
        String head = "Usage: " + command + " ";
        HelpText.wrapWords(out, head, parts, " ".repeat(head.length()));
        HelpText.wrap(out, description, "", "");
        int width = 0;
        for (Option o : options) {
            width = Math.max(width, longPart(o).length());
        }
        width = Math.min(HelpText.LONG_COLUMN, Math.max(width, parameterPart().length()));
        HelpText.row(out, "      " + parameterPart(), 6 + width + 3, parameters.description());
        for (Option o : options) {
            String names = "  " + (o.shortName() != null ? o.shortName() + (o.longName() != null ? ", " : "  ")
                    : "    ") + longPart(o);
            HelpText.row(out, names, 6 + width + 3, o.description());
        }
        out.flush();
    }

    private static String synopsisName(Option o) {
        return o.names().get(0);
    }

    private static String longPart(Option o) {
        String n = o.longName() != null ? o.longName() : "";
        if (o.flag()) {
            return n;
        }
        return n + "=" + o.label() + (o.split() ? "[," + o.label() + "...]" : "");
    }

    private String parameterPart() {
        return parameters.label() + (parameters.many() ? "..." : "");
    }
}

package org.convpaint.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import org.convpaint.InvalidModelException;
import org.convpaint.Messages;
import org.convpaint.UnsupportedModelException;

/**
 * A pickle VM (protocols 0–5) that executes nothing. It reuses Pyrolite's opcode decoding for plain scalars but
 * overrides every opcode that could reach code, allocate without bound, or take more than linear time:
 * <ul>
 * <li>{@code GLOBAL}, {@code STACK_GLOBAL}, {@code INST}: resolved only through the {@link AllowList}; any other
 * name fails with {@link UnsupportedModelException} naming the class (quoted, see {@link Messages}) and the file;</li>
 * <li>{@code REDUCE}, {@code NEWOBJ}, {@code NEWOBJ_EX}, {@code OBJ}: only apply {@link PyCallable}s;
 * {@code BUILD} only reaches {@link PyBuildable}s;</li>
 * <li>every container opcode goes through a {@link GraphGuard}: nesting deeper than {@link PickleLimits#MAX_DEPTH},
 * self-references and cycles, and more containers than the input's size allows are refused as they are built;</li>
 * <li>stack and memo are bounded by {@link PickleLimits#objectsAllowed}; {@code APPENDS}, {@code SETITEMS},
 * {@code ADDITEMS}, {@code POP_MARK} run in time proportional to their items (Pyrolite copies the whole list or
 * stack each time);</li>
 * <li>length-prefixed strings and bytes are checked against the bytes left before anything is allocated; integers
 * are at most {@link PickleLimits#MAX_INTEGER_BYTES} wide; dict keys and set elements are scalars;</li>
 * <li>{@code EMPTY_DICT}, {@code DICT}, {@code SETITEMS}: insertion order is preserved.</li>
 * </ul>
 * Persistent ids (torch storages) go to {@link #persistentLoad}, which refuses them unless a subclass overrides it.
 * Every failure is an {@link InvalidModelException} or {@link UnsupportedModelException} with a one-line message.
 * One instance reads one input; not thread-safe.
 */
public class SafeUnpickler extends Unpickler {
    private static final int MAX_NAME_CHARS = 1000;

    private final AllowList allowList;
    private final Path source;
    private final String what;
    private final PickleInput in;
    private final int maxObjects;
    private GraphGuard graph;

    /**
     * @param data   the pickle bytes (possibly followed by other data, as in legacy torch files)
     * @param source file the bytes come from, for messages; may be null
     * @param what   what the file is expected to be, for messages (e.g. "napari-convpaint model")
     */
    public SafeUnpickler(byte[] data, AllowList allowList, Path source, String what) {
        this.allowList = allowList;
        this.source = source;
        this.what = what;
        this.in = new PickleInput(data);
        this.maxObjects = PickleLimits.objectsAllowed(data.length);
    }

    /** Reads one pickle from the data, returning its root object. */
    public static Object load(byte[] data, AllowList allowList, Path source, String what)
            throws InvalidModelException, UnsupportedModelException {
        return new SafeUnpickler(data, allowList, source, what).next();
    }

    /** Reads the next pickle from the data (legacy torch files hold several in a row). */
    public Object next() throws InvalidModelException, UnsupportedModelException {
        if (in.available() == 0) {
            throw new InvalidModelException(in.position() == 0 ? "the file is empty; expected a " + what
                    : "the file ends where another pickle was expected; it is truncated", source);
        }
        try {
            return load(in);
        } catch (PickleRejection e) {
            if (e.isUnsupported()) {
                throw new UnsupportedModelException(e.getMessage(), source);
            }
            throw new InvalidModelException("not a valid " + what + ": " + e.getMessage(), source);
        } catch (IOException e) {
            throw new InvalidModelException("the file is truncated or damaged (" + Messages.describe(e.getMessage())
                    + "); expected a complete " + what, source, e);
        } catch (RuntimeException e) {
            throw new InvalidModelException("not a valid " + what + " (damaged pickle data: " + describe(e) + ")",
                    source, e);
        }
    }

    /** Runs the VM over {@code stream} with a bounded stack and a fresh {@link GraphGuard}. */
    @Override
    public Object load(InputStream stream) throws PickleException, IOException {
        stack = new BoundedStack(maxObjects);
        memo = new java.util.HashMap<>();
        graph = new GraphGuard(in.length());
        input = stream;
        while (true) {
            short key = PickleUtils.readbyte(input);
            if (key == -1) {
                throw new IOException("premature end of file");
            }
            Object value = dispatch(key);
            if (value != NO_RETURN_VALUE) {
                return value;
            }
        }
    }

    /** Bytes of the input consumed so far. */
    public int position() {
        return in.position();
    }

    /** Reads {@code n} raw bytes following the last pickle (legacy torch storage data). */
    public byte[] readRaw(long n) throws InvalidModelException {
        if (n < 0 || n > in.available()) {
            throw new InvalidModelException("the file is truncated: " + n + " bytes of data were expected", source);
        }
        try {
            return in.take(n);
        } catch (IOException e) {
            throw new InvalidModelException("the file is truncated: " + n + " bytes of data were expected", source);
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + Messages.describe(m));
    }

    /**
     * Scalar and memo-read opcodes, the most frequent ones in model files, go straight to Pyrolite (neither
     * {@link ContainerOps} nor {@link #dispatchOwn} executes them) and {@code MEMOIZE} straight to the memo: the
     * two handlers then run only for the opcodes they execute, few enough that the JIT does not optimise them (a
     * model of 100 trees has some 17 000 opcodes; optimising the handlers for all of them took the JIT's compiler
     * most of a second in every run).
     */
    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        if (key == Opcodes.MEMOIZE) {
            memoPut(memo.size());
        } else if (isPlain(key) || !ContainerOps.dispatch(key, stack, graph) && !dispatchOwn(key)) {
            return super.dispatch(key);
        }
        return NO_RETURN_VALUE;
    }

    /** Opcodes left to Pyrolite unchecked: they push a scalar, read the memo or mark framing. */
    static boolean isPlain(short key) {
        return switch (key) {
            case Opcodes.BINGET, Opcodes.LONG_BINGET, Opcodes.BININT, Opcodes.BININT1, Opcodes.BININT2,
                    Opcodes.MARK, Opcodes.NONE, Opcodes.NEWTRUE, Opcodes.NEWFALSE, Opcodes.BINFLOAT,
                    Opcodes.SHORT_BINBYTES, Opcodes.SHORT_BINUNICODE, Opcodes.FRAME, Opcodes.PROTO -> true;
            default -> false;
        };
    }

    /** Executes {@code key} if this VM does so itself (or refuses it); false for the other opcodes. */
    boolean dispatchOwn(short key) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL -> stack.add(resolve(readName(), readName()));
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw PickleRejection.invalid("STACK_GLOBAL needs two strings");
                }
                stack.add(resolve(m, n));
            }
            case Opcodes.INST -> {
                PyCallable cls = resolve(readName(), readName());
                Object[] args = graph.tuple(stack.pop_all_since_marker().toArray());
                stack.add(graph.derived(cls.newObject(args), args));
            }
            case Opcodes.OBJ -> {
                List<Object> items = stack.pop_all_since_marker();
                if (items.isEmpty()) {
                    throw PickleRejection.invalid("OBJ without a class");
                }
                Object[] args = graph.tuple(items.subList(1, items.size()).toArray());
                stack.add(graph.derived(callable(items.get(0)).newObject(args), args));
            }
            case Opcodes.REDUCE -> {
                Object[] args = tuple(stack.pop());
                stack.add(graph.derived(callable(stack.pop()).call(args), args));
            }
            case Opcodes.NEWOBJ -> {
                Object[] args = tuple(stack.pop());
                stack.add(graph.derived(callable(stack.pop()).newObject(args), args));
            }
            case Opcodes.NEWOBJ_EX -> {
                Object kwargs = stack.pop();
                Object[] args = tuple(stack.pop());
                if (!(kwargs instanceof Map<?, ?> kw) || !kw.isEmpty()) {
                    throw PickleRejection.unsupported("NEWOBJ_EX with keyword arguments is not supported");
                }
                stack.add(graph.derived(callable(stack.pop()).newObject(args), args));
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                if (!(stack.peek() instanceof PyBuildable target)) {
                    throw PickleRejection.invalid("BUILD on an object that has no state ("
                            + typeName(stack.peek()) + ")");
                }
                graph.filling(target, Collections.singletonList(state));
                target.build(state);
            }
            case Opcodes.INT, Opcodes.LONG -> stack.add(in.textInteger(key == Opcodes.INT ? "INT" : "LONG"));
            case Opcodes.FLOAT -> stack.add(in.textFloat());
            case Opcodes.LONG1 -> stack.add(in.longBytes(in.take(1)[0] & 0xff));
            case Opcodes.LONG4 -> stack.add(in.longBytes(in.int32()));
            case Opcodes.BINSTRING -> stack.add(new String(in.take(in.int32()), StandardCharsets.ISO_8859_1));
            case Opcodes.BINBYTES -> stack.add(in.take(in.int32() & 0xffffffffL));
            case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> stack.add(in.take(in.int64()));
            case Opcodes.BINUNICODE -> stack.add(new String(in.take(in.int32() & 0xffffffffL), StandardCharsets.UTF_8));
            case Opcodes.BINUNICODE8 -> stack.add(new String(in.take(in.int64()), StandardCharsets.UTF_8));
            case Opcodes.PUT -> memoPut(parseMemoKey(in.line(20, "a memo key (PUT)")));
            case Opcodes.BINPUT -> memoPut(in.take(1)[0] & 0xff);
            case Opcodes.LONG_BINPUT -> memoPut((int) in.int32());
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 ->
                    throw PickleRejection.unsupported("pickle extension-registry opcodes are not supported");
            case Opcodes.NEXT_BUFFER ->
                    throw PickleRejection.unsupported("out-of-band pickle buffers are not supported");
            default -> {
                return false;
            }
        }
        return true;
    }

    private void memoPut(int key) {
        if (memo.size() >= maxObjects && !memo.containsKey(key)) {
            throw PickleRejection.invalid("the pickle memo grows beyond " + maxObjects + " entries; this is not a "
                    + "model file");
        }
        memo.put(key, stack.peek());
    }

    private static int parseMemoKey(String line) {
        try {
            return Integer.parseInt(line.trim());
        } catch (NumberFormatException e) {
            throw PickleRejection.invalid("malformed memo key " + Messages.quote(line));
        }
    }

    @Override
    protected Object persistentLoad(Object pid) {
        throw PickleRejection.unsupported("persistent references (" + typeName(pid) + ") are not expected in a "
                + what);
    }

    private PyCallable resolve(String module, String name) {
        return allowList.resolve(module, name).orElseThrow(() -> PickleRejection.unsupported(
                "refusing to load Python class " + Messages.quote(module + "." + name) + ": it is not one of the "
                        + "classes a " + what + " may contain, and loading it could run foreign code"));
    }

    private static PyCallable callable(Object o) {
        if (!(o instanceof PyCallable c)) {
            throw PickleRejection.invalid("call of a non-callable (" + typeName(o) + ")");
        }
        return c;
    }

    private static Object[] tuple(Object o) {
        if (!(o instanceof Object[] t)) {
            throw PickleRejection.invalid("arguments are not a tuple (" + typeName(o) + ")");
        }
        return t;
    }

    static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof PyCallable c) {
            return Messages.quote(c.qualifiedName());
        }
        return o.getClass().getSimpleName();
    }

    private String readName() throws IOException {
        return in.line(MAX_NAME_CHARS, "a class name (GLOBAL/INST)");
    }

    /** The scalar elements of a set or keys of a dict: containers would hash by content, which can be exponential. */
    static Object requireScalar(Object o, String role) {
        if (GraphGuard.isTracked(o)) {
            throw PickleRejection.unsupported(role + " of type " + typeName(o) + " is not supported in a model file");
        }
        return o;
    }
}

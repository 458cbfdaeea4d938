package org.convpaint.pickle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;

/**
 * A pickle VM (protocols 0–5) that executes nothing. It reuses Pyrolite's opcode decoding but overrides every
 * opcode that could reach code or allocate without bound:
 * <ul>
 * <li>{@code GLOBAL}, {@code STACK_GLOBAL}, {@code INST}: resolved only through the {@link AllowList}; any other
 * name fails with {@link UnsupportedModelException} naming the class and the file;</li>
 * <li>{@code REDUCE}, {@code NEWOBJ}, {@code NEWOBJ_EX}, {@code OBJ}: only apply {@link PyCallable}s;
 * {@code BUILD} only reaches {@link PyBuildable}s;</li>
 * <li>length-prefixed strings, bytes and longs: the length is checked against the bytes left in the input before
 * anything is allocated;</li>
 * <li>{@code EMPTY_DICT}, {@code DICT}, {@code SETITEMS}: insertion order is preserved.</li>
 * </ul>
 * Persistent ids (torch storages) go to {@link #persistentLoad}, which refuses them unless a subclass overrides it.
 * One instance reads one input; not thread-safe.
 */
public class SafeUnpickler extends Unpickler {
    private final AllowList allowList;
    private final Path source;
    private final String what;
    private final RemainingInput in;

    /**
     * @param data   the pickle bytes (possibly followed by other data, as in legacy torch files)
     * @param source file the bytes come from, for messages; may be null
     * @param what   what the file is expected to be, for messages (e.g. "napari-convpaint model")
     */
    public SafeUnpickler(byte[] data, AllowList allowList, Path source, String what) {
        this.allowList = allowList;
        this.source = source;
        this.what = what;
        this.in = new RemainingInput(data);
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
            throw new InvalidModelException("the file is truncated or damaged (" + e.getMessage()
                    + "); expected a complete " + what, source, e);
        } catch (RuntimeException e) {
            throw new InvalidModelException("not a valid " + what + " (damaged pickle data: " + describe(e) + ")",
                    source, e);
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
        return in.take((int) n);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = readLine();
                String name = readLine();
                stack.add(resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw PickleRejection.invalid("STACK_GLOBAL needs two strings");
                }
                stack.add(resolve(m, n));
            }
            case Opcodes.INST -> {
                PyCallable cls = resolve(readLine(), readLine());
                stack.add(cls.newObject(stack.pop_all_since_marker().toArray()));
            }
            case Opcodes.OBJ -> {
                List<Object> items = stack.pop_all_since_marker();
                if (items.isEmpty()) {
                    throw PickleRejection.invalid("OBJ without a class");
                }
                stack.add(callable(items.get(0)).newObject(items.subList(1, items.size()).toArray()));
            }
            case Opcodes.REDUCE -> {
                Object[] args = tuple(stack.pop());
                stack.add(callable(stack.pop()).call(args));
            }
            case Opcodes.NEWOBJ -> {
                Object[] args = tuple(stack.pop());
                stack.add(callable(stack.pop()).newObject(args));
            }
            case Opcodes.NEWOBJ_EX -> {
                Object kwargs = stack.pop();
                Object[] args = tuple(stack.pop());
                if (!(kwargs instanceof Map<?, ?> kw) || !kw.isEmpty()) {
                    throw PickleRejection.unsupported("NEWOBJ_EX with keyword arguments is not supported");
                }
                stack.add(callable(stack.pop()).newObject(args));
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                if (!(stack.peek() instanceof PyBuildable target)) {
                    throw PickleRejection.invalid("BUILD on an object that has no state ("
                            + typeName(stack.peek()) + ")");
                }
                target.build(state);
            }
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.DICT -> {
                List<Object> items = stack.pop_all_since_marker();
                stack.add(putPairs(new LinkedHashMap<>(), items));
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                if (!(stack.peek() instanceof Map<?, ?> target)) {
                    throw PickleRejection.invalid("SETITEMS on a non-dict");
                }
                @SuppressWarnings("unchecked")
                Map<Object, Object> map = (Map<Object, Object>) target;
                putPairs(map, items);
            }
            case Opcodes.BINSTRING -> stack.add(new String(readCounted(readInt32()), StandardCharsets.ISO_8859_1));
            case Opcodes.BINBYTES -> stack.add(readCounted(readInt32() & 0xffffffffL));
            case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> stack.add(readCounted(readInt64()));
            case Opcodes.BINUNICODE -> stack.add(new String(readCounted(readInt32() & 0xffffffffL),
                    StandardCharsets.UTF_8));
            case Opcodes.BINUNICODE8 -> stack.add(new String(readCounted(readInt64()), StandardCharsets.UTF_8));
            case Opcodes.LONG4 -> {
                long n = readInt32();
                stack.add(PickleUtils.decode_long(readCounted(n)));
            }
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 ->
                    throw PickleRejection.unsupported("pickle extension-registry opcodes are not supported");
            case Opcodes.NEXT_BUFFER ->
                    throw PickleRejection.unsupported("out-of-band pickle buffers are not supported");
            default -> {
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        throw PickleRejection.unsupported("persistent references (" + typeName(pid) + ") are not expected in a "
                + what);
    }

    private PyCallable resolve(String module, String name) {
        return allowList.resolve(module, name).orElseThrow(() -> PickleRejection.unsupported(
                "refusing to load Python class '" + module + "." + name + "': it is not one of the classes a "
                        + what + " may contain, and loading it could run foreign code"));
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

    private static Map<Object, Object> putPairs(Map<Object, Object> map, List<Object> items) {
        if (items.size() % 2 != 0) {
            throw PickleRejection.invalid("odd number of dict items");
        }
        for (int i = 0; i < items.size(); i += 2) {
            Object k = items.get(i);
            if (k instanceof Object[] || k instanceof List || k instanceof Map) {
                // Python would hash tuples by value; we never need such keys, and arrays hash by identity.
                k = java.util.Arrays.deepToString(k instanceof Object[] a ? a : new Object[] {k});
            }
            map.put(k, items.get(i + 1));
        }
        return map;
    }

    private static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof PyCallable c) {
            return c.qualifiedName();
        }
        return o.getClass().getSimpleName();
    }

    private String readLine() throws IOException {
        String line = PickleUtils.readline(in);
        if (line.length() > 1000) {
            throw PickleRejection.invalid("over-long name in GLOBAL");
        }
        return line;
    }

    private long readInt32() throws IOException {
        return PickleUtils.bytes_to_integer(readCounted(4));
    }

    private long readInt64() throws IOException {
        return PickleUtils.bytes_to_long(readCounted(8), 0);
    }

    private byte[] readCounted(long n) throws IOException {
        if (n < 0 || n > in.available()) {
            throw new IOException("a length prefix claims " + n + " bytes but only " + in.available() + " are left");
        }
        return in.take((int) n);
    }

    /** A byte-array stream that knows how many bytes are left and how many were consumed. */
    private static final class RemainingInput extends ByteArrayInputStream {
        RemainingInput(byte[] data) {
            super(data);
        }

        int position() {
            return pos;
        }

        /** Takes exactly {@code n} bytes; the caller has checked that they are available. */
        byte[] take(int n) {
            byte[] b = new byte[n];
            System.arraycopy(buf, pos, b, 0, n);
            pos += n;
            return b;
        }
    }
}

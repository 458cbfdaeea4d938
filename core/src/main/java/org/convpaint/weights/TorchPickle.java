package org.convpaint.weights;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;
import org.convpaint.pickle.AllowList;
import org.convpaint.pickle.PickleRejection;
import org.convpaint.pickle.PyBuildable;
import org.convpaint.pickle.PyCallable;
import org.convpaint.pickle.SafeUnpickler;

/**
 * The pickle side of torch files: the allow-list of globals {@code torch.save} writes for tensors, and an
 * unpickler that turns storage persistent ids into {@link StorageRef}s. One instance reads the pickles of one
 * file; not thread-safe.
 *
 * <p>Persistent ids: zip format {@code ('storage', storage_type, key, location, numel)}; legacy format
 * {@code ('storage', storage_type, root_key, location, root_numel, view_metadata)} with {@code view_metadata}
 * {@code None} or {@code (view_key, offset, view_numel)}. The location ({@code 'cpu'}, {@code 'cuda:0'}) is
 * ignored. A key declared twice must have the same type and element count.
 */
final class TorchPickle extends SafeUnpickler {
    /** What the files are, for messages. */
    static final String WHAT = "PyTorch weights file";

    /** Largest element count a storage may declare; keeps byte sizes far from overflow. */
    private static final long MAX_NUMEL = Long.MAX_VALUE / 32;

    private static final AllowList ALLOWED = allowList();

    private final boolean legacy;
    private final Path file;
    private final Map<String, StorageRef> roots = new LinkedHashMap<>();

    TorchPickle(byte[] data, Path file, boolean legacy) {
        super(data, ALLOWED, file, WHAT);
        this.legacy = legacy;
        this.file = file;
    }

    /**
     * As {@link SafeUnpickler#next()}; in addition a pickle whose objects are nested so deeply or refer to
     * themselves so that building them (e.g. hashing a dict key) exhausts the stack is refused as invalid, and a
     * message that quotes bytes of the file is kept on one line (control characters escaped).
     */
    @Override
    public Object next() throws InvalidModelException, UnsupportedModelException {
        try {
            return super.next();
        } catch (InvalidModelException e) {
            throw oneLine(e.reason()).equals(e.reason()) ? e
                    : new InvalidModelException(oneLine(e.reason()), file, e);
        } catch (UnsupportedModelException e) {
            throw oneLine(e.reason()).equals(e.reason()) ? e
                    : new UnsupportedModelException(oneLine(e.reason()), file, e);
        } catch (StackOverflowError e) {
            throw new InvalidModelException("not a valid " + WHAT + ": its pickle nests objects too deeply or makes "
                    + "them refer to themselves", file);
        }
    }

    /** Root storages named by the pickles read so far, by key, in order of first reference. */
    Map<String, StorageRef> roots() {
        return roots;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length == 0) {
            throw PickleRejection.invalid("a persistent id is not a tuple");
        }
        String type = text(t[0]);
        if (!"storage".equals(type)) {
            throw PickleRejection.unsupported("persistent id of type '" + type + "' (only tensor storages are "
                    + "supported; save a state_dict, not a whole module)");
        }
        if (t.length != (legacy ? 6 : 5)) {
            throw PickleRejection.invalid("a storage persistent id has " + t.length + " fields instead of "
                    + (legacy ? 6 : 5));
        }
        if (!(t[1] instanceof StorageClass sc)) {
            throw PickleRejection.invalid("a storage persistent id names no storage type");
        }
        String key = text(t[2]);
        long numel = count(t[4], "storage size");
        StorageRef root = roots.computeIfAbsent(key, k -> StorageRef.root(k, sc.dtype, numel));
        if (root.dtype() != sc.dtype || root.numel() != numel) {
            throw PickleRejection.invalid("storage '" + key + "' is declared twice with different types or sizes");
        }
        if (!legacy || t[5] == null) {
            return root;
        }
        if (!(t[5] instanceof Object[] view) || view.length != 3) {
            throw PickleRejection.invalid("storage view metadata is not a 3-tuple");
        }
        long offset = count(view[1], "storage view offset");
        long n = count(view[2], "storage view size");
        if (offset + n > numel) {
            throw PickleRejection.invalid("a view of elements " + offset + ".." + (offset + n) + " of storage '"
                    + key + "' reaches outside its " + numel + " elements");
        }
        return root.view(offset, n);
    }

    /** {@code s} with control characters (line breaks from quoted file bytes) written as {@code \\uXXXX}. */
    static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** A string field of a persistent id (Python 2 files may hold byte strings). */
    private static String text(Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.US_ASCII);
        }
        if (o instanceof Integer || o instanceof Long || o instanceof BigInteger) {
            return o.toString();
        }
        throw PickleRejection.invalid("a storage key or type is not a string");
    }

    /** A non-negative integer argument, bounded by {@link #MAX_NUMEL}. */
    static long count(Object o, String what) {
        long v;
        if (o instanceof Integer || o instanceof Long) {
            v = ((Number) o).longValue();
        } else if (o instanceof BigInteger b && b.bitLength() < 63) {
            v = b.longValue();
        } else {
            throw PickleRejection.invalid(what + " is not an integer in range: " + o);
        }
        if (v < 0 || v > MAX_NUMEL) {
            throw PickleRejection.invalid(what + " out of range: " + v);
        }
        return v;
    }

    private static long[] counts(Object o, String what) {
        if (!(o instanceof Object[] t)) {
            throw PickleRejection.invalid("tensor " + what + " is not a tuple");
        }
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = count(t[i], "tensor " + what);
        }
        return out;
    }

    private static AllowList allowList() {
        List<PyCallable> all = new ArrayList<>(AllowList.numpy());
        all.add(PyCallable.of("collections.OrderedDict", OrderedDict::create));
        all.add(PyCallable.of("torch._utils._rebuild_tensor_v2", args -> rebuildTensor(args, 6, 7)));
        all.add(PyCallable.of("torch._utils._rebuild_tensor", args -> rebuildTensor(args, 4, 4)));
        all.add(PyCallable.of("torch._utils._rebuild_parameter", args -> rebuildParameter(args, 3)));
        all.add(PyCallable.of("torch._utils._rebuild_parameter_with_state", args -> rebuildParameter(args, 4)));
        for (DType t : DType.values()) {
            all.add(new StorageClass("torch." + t.storageClass(), t));
            all.add(new StorageClass("torch.cuda." + t.storageClass(), t));
        }
        return AllowList.of(all);
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])} and v1. */
    private static TensorRef rebuildTensor(Object[] args, int min, int max) {
        if (args.length < min || args.length > max) {
            throw PickleRejection.invalid("tensor rebuild with " + args.length + " arguments");
        }
        if (!(args[0] instanceof StorageRef storage)) {
            throw PickleRejection.invalid("tensor rebuild without a storage");
        }
        return TensorRef.of(storage, count(args[1], "storage offset"), counts(args[2], "size"),
                counts(args[3], "stride"));
    }

    /** {@code _rebuild_parameter(data, requires_grad, hooks[, state])}: the parameter is its data. */
    private static TensorRef rebuildParameter(Object[] args, int n) {
        if (args.length != n || !(args[0] instanceof TensorRef data)) {
            throw PickleRejection.invalid("parameter rebuild without a tensor");
        }
        return data;
    }

    /** A typed storage class such as {@code torch.FloatStorage}: only a type tag inside persistent ids. */
    private record StorageClass(String qualifiedName, DType dtype) implements PyCallable {
        @Override
        public Object call(Object[] args) {
            throw PickleRejection.unsupported("constructing " + qualifiedName + " outside a persistent id");
        }
    }

    /**
     * {@code collections.OrderedDict}: an insertion-ordered map; the {@code BUILD} state (the {@code _metadata}
     * attribute of state dicts) is ignored.
     */
    private static final class OrderedDict extends LinkedHashMap<Object, Object> implements PyBuildable {
        private static final long serialVersionUID = 1L;

        static OrderedDict create(Object[] args) {
            OrderedDict d = new OrderedDict();
            if (args.length == 0) {
                return d;
            }
            if (args.length != 1 || !(args[0] instanceof List<?> items)) {
                throw PickleRejection.invalid("OrderedDict with unexpected arguments");
            }
            for (Object item : items) {
                Object[] pair = item instanceof Object[] a ? a : item instanceof List<?> l ? l.toArray() : null;
                if (pair == null || pair.length != 2) {
                    throw PickleRejection.invalid("OrderedDict item is not a pair");
                }
                d.put(pair[0], pair[1]);
            }
            return d;
        }

        @Override
        public void build(Object state) {
            // the _metadata attribute (module versions) is not needed
        }
    }
}

package org.convpaint.classify;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.convpaint.classify.classfile.ClassConstants;
import org.convpaint.classify.classfile.MethodCode;

/**
 * Class-file bytes of a {@link LeafKernel} for chosen trees of a forest: each tree becomes one static method whose
 * loop over the pixels is the tree as nested {@code if}s, with the thresholds, feature numbers and leaf offsets as
 * constants (no node array is read, and the processor predicts each node's branch on its own).
 *
 * <p>The class is version 49 (Java 5), which the JVM verifies without stack map frames. Tree method {@code i}:
 * {@code static void t<i>(float[] d, int[] cols, int first, int[] index, int m, int[] leaves, int at)} fills
 * {@code leaves[at + j]} for {@code j < m} with the leaf of pixel {@code first + index[j]}; locals: 0–6 the
 * parameters, 7 {@code j}, 8 the leaf offset, 9 the pixel, 10.. the column start ({@code cols[f] + first}) of each
 * feature the tree reads. The instance method {@code leaves} picks the tree method by the tree's number: a
 * {@code tableswitch} over groups of {@value #PART} tree numbers, each a static method with a {@code tableswitch}
 * over its trees. The caller bounds the size of each tree's method ({@link #addTree}) and keeps the constant pool
 * under 65 535 entries ({@link #constantsAtMost}).
 */
final class TreeBytecode {
    private static final String KERNEL = LeafKernel.class.getName().replace('.', '/');
    private static final String TREE_DESCRIPTOR = "([F[II[II[II)V";
    private static final String PART_DESCRIPTOR = "(I[F[II[II[II)V";
    /** Tree numbers one part method dispatches (about 20 bytes of bytecode each); a power of two. */
    private static final int PART = 256;
    private static final int J = 7;
    private static final int LEAF = 8;
    private static final int PIXEL = 9;
    private static final int COLUMNS = 10;

    private final ClassConstants pool = new ClassConstants();
    private final List<byte[]> methods = new ArrayList<>();
    private final List<Integer> treeNumbers = new ArrayList<>();
    private final List<Integer> treeMethodRefs = new ArrayList<>();
    private final int[] feature;
    private final float[] threshold;
    private final int[] left;
    private final int classes;

    /**
     * @param className the class's name, internal form ({@code org/convpaint/classify/...})
     * @param feature   node arrays as {@link RandomForest} holds them
     * @param classes   number of leaf fractions per leaf
     */
    TreeBytecode(String className, int[] feature, float[] threshold, int[] left, int classes) {
        pool.setThisClass(className);
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.classes = classes;
    }

    /** Upper bound of the constant-pool entries a tree with {@code nodes} nodes adds. */
    static int constantsAtMost(int nodes) {
        return 2 * nodes + 4;
    }

    /** Constant-pool entries so far. */
    int constants() {
        return pool.size();
    }

    /**
     * Adds tree {@code t} (its index in tree order), rooted at node {@code root}, if its method takes at most
     * {@code maxBytes} bytes of bytecode; whether it was added.
     */
    boolean addTree(int t, int root, int maxBytes) {
        MethodCode c = new MethodCode();
        Map<Integer, Integer> columnLocal = new HashMap<>();
        // a method of maxBytes holds fewer than maxBytes / 6 nodes: a larger (or malformed, cyclic) tree stops here
        if (!collectFeatures(root, columnLocal, new int[] {maxBytes / 6}) || COLUMNS + columnLocal.size() > 255) {
            return false; // (a tree reading more features than one-byte local indices reach exceeds maxBytes anyway)
        }
        for (Map.Entry<Integer, Integer> e : columnLocal.entrySet()) {
            c.op(0x2b); // aload_1 cols
            c.pushInt(pool, e.getKey());
            c.op(0x2e); // iaload
            c.op(0x1c); // iload_2 first
            c.op(0x60); // iadd
            c.local(0x36, e.getValue()); // istore
        }
        c.op(0x03); // iconst_0
        c.local(0x36, J); // istore j
        int toCondition = c.jump(0xa7); // goto condition
        int loop = c.size();
        c.op(0x2d); // aload_3 index
        c.local(0x15, J); // iload j
        c.op(0x2e); // iaload
        c.local(0x36, PIXEL); // istore pixel
        List<Integer> toStore = new ArrayList<>();
        emitNode(c, root, columnLocal, toStore);
        int store = c.size();
        for (int at : toStore) {
            c.patch(at, store);
        }
        c.local(0x19, 5); // aload leaves
        c.local(0x15, 6); // iload at
        c.local(0x15, J); // iload j
        c.op(0x60); // iadd
        c.local(0x15, LEAF); // iload leaf
        c.op(0x4f); // iastore
        c.op(0x84).u1(J).u1(1); // iinc j 1
        c.patch(toCondition, c.size());
        c.local(0x15, J); // iload j
        c.local(0x15, 4); // iload m
        c.branchTo(0xa1, loop); // if_icmplt loop
        c.op(0xb1); // return
        if (c.size() > maxBytes) {
            return false;
        }
        String name = "t" + treeNumbers.size();
        methods.add(method(0x000a, name, TREE_DESCRIPTOR, c, 6, COLUMNS + columnLocal.size())); // private static
        treeNumbers.add(t);
        treeMethodRefs.add(pool.methodRef(pool.thisClass(), name, TREE_DESCRIPTOR));
        return true;
    }

    /** Numbers the features of the subtree at {@code node}; false when it has more than {@code budget[0]} nodes. */
    private boolean collectFeatures(int node, Map<Integer, Integer> columnLocal, int[] budget) {
        if (--budget[0] < 0) {
            return false;
        }
        if (feature[node] >= 0) {
            columnLocal.putIfAbsent(feature[node], COLUMNS + columnLocal.size());
            return collectFeatures(left[node], columnLocal, budget)
                    && collectFeatures(left[node] + 1, columnLocal, budget);
        }
        return true;
    }

    private void emitNode(MethodCode c, int node, Map<Integer, Integer> columnLocal, List<Integer> toStore) {
        int f = feature[node];
        if (f < 0) {
            c.pushInt(pool, ~f * classes);
            c.local(0x36, LEAF); // istore leaf
            toStore.add(c.jump(0xa7)); // goto store
            return;
        }
        c.op(0x2a); // aload_0 d
        c.local(0x15, columnLocal.get(f)); // iload column start
        c.local(0x15, PIXEL); // iload pixel
        c.op(0x60); // iadd
        c.op(0x30); // faload
        c.loadConstant(pool.floatConstant(threshold[node]));
        c.op(0x96); // fcmpg: 1 when x > t or either is NaN
        int toRight = c.jump(0x9d); // ifgt right
        emitNode(c, left[node], columnLocal, toStore);
        c.patch(toRight, c.size());
        emitNode(c, left[node] + 1, columnLocal, toStore);
    }

    /** Tree numbers (tree order) of the trees added, in the order added. */
    int[] trees() {
        return treeNumbers.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The class file: a final class implementing {@link LeafKernel}. */
    byte[] classFile() {
        int object = pool.classRef("java/lang/Object");
        int kernel = pool.classRef(KERNEL);
        MethodCode init = new MethodCode();
        init.op(0x2a).op(0xb7).u2(pool.methodRef(object, "<init>", "()V")).op(0xb1);
        // leaves(tree, ...) switches on tree / PART to a part method, which switches on the tree to its method
        List<byte[]> parts = new ArrayList<>();
        int lastPart = treeNumbers.isEmpty() ? 0 : treeNumbers.get(treeNumbers.size() - 1) / PART;
        MethodCode dispatch = new MethodCode();
        dispatch.op(0x1b).pushInt(pool, Integer.numberOfTrailingZeros(PART)).op(0x7a); // iload_1 tree, log2 PART, ishr
        int top = dispatch.tableSwitch(0, lastPart);
        dispatch.patchCase(top, Integer.MIN_VALUE, dispatch.size());
        dispatch.op(0xb1); // return (not a tree of this kernel)
        BitSet compiled = new BitSet();
        treeNumbers.forEach(compiled::set);
        int i = 0; // trees were added in tree order
        for (int part = 0; part <= lastPart; part++) {
            dispatch.patchCase(top, part, dispatch.size());
            for (int l = 1; l <= 8; l++) {
                dispatch.local(l <= 1 || l == 4 || l == 6 || l == 8 ? 0x15 : 0x19, l); // tree, d, cols, first, ...
            }
            String name = "p" + part;
            dispatch.op(0xb8).u2(pool.methodRef(pool.thisClass(), name, PART_DESCRIPTOR));
            dispatch.op(0xb1);
            MethodCode code = new MethodCode();
            code.op(0x1a); // iload_0 tree
            int low = part * PART;
            int sw = code.tableSwitch(low, low + PART - 1);
            for (int t = low; t < low + PART; t++) {
                if (i < treeNumbers.size() && treeNumbers.get(i) == t) {
                    code.patchCase(sw, t, code.size());
                    for (int l = 1; l <= 7; l++) {
                        code.local(l == 3 || l == 5 || l == 7 ? 0x15 : 0x19, l); // d, cols, first, index, m, ...
                    }
                    code.op(0xb8).u2(treeMethodRefs.get(i++)); // invokestatic
                    code.op(0xb1);
                }
            }
            // the default and the trees not compiled here: nothing
            int none = code.size();
            code.op(0xb1);
            for (int t = low; t < low + PART; t++) {
                if (!compiled.get(t)) {
                    code.patchCase(sw, t, none);
                }
            }
            code.patchCase(sw, Integer.MIN_VALUE, none);
            parts.add(method(0x000a, name, PART_DESCRIPTOR, code, 7, 8));
        }
        List<byte[]> all = new ArrayList<>();
        all.add(method(0x0001, "<init>", "()V", init, 1, 1));
        all.add(method(0x0001, "leaves", "(I[F[II[II[II)V", dispatch, 8, 9));
        all.addAll(parts);
        all.addAll(methods);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(49);
            pool.write(out);
            out.writeShort(0x0031); // public final super
            out.writeShort(pool.thisClass());
            out.writeShort(object);
            out.writeShort(1);
            out.writeShort(kernel);
            out.writeShort(0); // fields
            out.writeShort(all.size());
            for (byte[] m : all) {
                out.write(m);
            }
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private byte[] method(int access, String name, String descriptor, MethodCode code, int maxStack, int maxLocals) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(access);
            out.writeShort(pool.utf8(name));
            out.writeShort(pool.utf8(descriptor));
            out.writeShort(1);
            out.writeShort(pool.utf8("Code"));
            out.writeInt(12 + code.size());
            out.writeShort(maxStack);
            out.writeShort(maxLocals);
            out.writeInt(code.size());
            out.write(code.bytes(), 0, code.size());
            out.writeShort(0); // exception table
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

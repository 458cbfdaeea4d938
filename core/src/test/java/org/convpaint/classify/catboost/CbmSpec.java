package org.convpaint.classify.catboost;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.convpaint.classify.catboost.FbWriter.doubles;
import static org.convpaint.classify.catboost.FbWriter.floats;
import static org.convpaint.classify.catboost.FbWriter.ints;
import static org.convpaint.classify.catboost.FbWriter.string;
import static org.convpaint.classify.catboost.FbWriter.table;

/**
 * A float-feature oblivious-tree CatBoost model as plain arrays, written to {@code .cbm} bytes with the test's own
 * {@link FbWriter}, or read (trusting the bytes: a test helper for real models) with plain {@link ByteBuffer}
 * navigation that shares nothing with the reader under test. Fields are public and mutable for making variants.
 */
final class CbmSpec {
    int dimension;
    List<float[]> borders = new ArrayList<>();
    List<Boolean> hasNans = new ArrayList<>();
    List<Integer> nanTreatment = new ArrayList<>();
    int[] treeSizes;
    int[] splits;
    double[] leaves;
    /** null: not stored (default 1). */
    Double scale;
    /** null: not stored (default 0). */
    Double bias;
    /** null: not stored. */
    double[] multiBias;
    Map<String, String> info = new LinkedHashMap<>();
    /** Further {@code TModelTrees} fields by slot (e.g. categorical features), written as given. */
    Map<Integer, FbWriter.Obj> extraTreeFields = new LinkedHashMap<>();
    /** {@code TModelCore.ModelPartIds}, or null. */
    FbWriter.Obj modelPartIds;
    /** Tree start offsets as stored; null: the prefix sums of the tree sizes. */
    int[] treeStartOffsets;

    static String params(String loss) {
        return "{\"loss_function\":{\"type\":\"" + loss + "\",\"params\":{}},\"flat_params\":{\"loss_function\":\""
                + loss + "\"}}";
    }

    /** The .cbm bytes. */
    byte[] toCbm() {
        List<FbWriter.Obj> features = new ArrayList<>();
        for (int i = 0; i < borders.size(); i++) {
            features.add(table(hasNans.get(i), i, i, floats(borders.get(i)), string("f" + i),
                    (byte) (int) nanTreatment.get(i)));
        }
        int[] starts = new int[treeSizes.length];
        for (int t = 1; t < starts.length; t++) {
            starts[t] = starts[t - 1] + treeSizes[t - 1];
        }
        Object[] fields = new Object[19];
        Object[] main = {dimension, ints(splits), ints(treeSizes),
            ints(treeStartOffsets != null ? treeStartOffsets : starts), null, FbWriter.tables(features), null, null,
            doubles(leaves), null, null, null, null, null, scale, bias, multiBias == null ? null : doubles(multiBias)};
        System.arraycopy(main, 0, fields, 0, main.length);
        extraTreeFields.forEach((slot, obj) -> fields[slot] = obj);
        int last = fields.length;
        while (last > 0 && fields[last - 1] == null) {
            last--;
        }
        FbWriter.Obj trees = table(java.util.Arrays.copyOf(fields, last));
        List<FbWriter.Obj> kv = new ArrayList<>();
        info.forEach((k, v) -> kv.add(table(string(k), string(v))));
        byte[] core = FbWriter.finish(table(string("FlabuffersModel_v1"), trees,
                kv.isEmpty() ? null : FbWriter.tables(kv), modelPartIds));
        ByteBuffer out = ByteBuffer.allocate(8 + core.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("CBM1".getBytes(StandardCharsets.US_ASCII)).putInt(core.length).put(core);
        return out.array();
    }

    /** A random valid model: {@code features} features, {@code trees} trees of depth ≤ maxDepth. */
    static CbmSpec random(Random rnd, int features, int trees, int maxDepth, int dimension) {
        CbmSpec s = new CbmSpec();
        s.dimension = dimension;
        int total = 0;
        for (int f = 0; f < features; f++) {
            int n = rnd.nextInt(5);
            float[] b = new float[n];
            for (int j = 0; j < n; j++) {
                b[j] = (float) rnd.nextGaussian();
            }
            java.util.Arrays.sort(b);
            s.borders.add(b);
            s.hasNans.add(rnd.nextBoolean());
            s.nanTreatment.add(rnd.nextInt(3));
            total += n;
        }
        if (total == 0) {
            s.borders.set(0, new float[] {0.5f});
            total = 1;
        }
        s.treeSizes = new int[trees];
        int splitCount = 0;
        int leafCount = 0;
        for (int t = 0; t < trees; t++) {
            s.treeSizes[t] = rnd.nextInt(maxDepth + 1);
            splitCount += s.treeSizes[t];
            leafCount += (1 << s.treeSizes[t]) * dimension;
        }
        s.splits = new int[splitCount];
        for (int i = 0; i < splitCount; i++) {
            s.splits[i] = rnd.nextInt(total);
        }
        s.leaves = new double[leafCount];
        for (int i = 0; i < leafCount; i++) {
            s.leaves[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
        }
        s.info.put("params", params(dimension == 1 ? "Logloss" : "MultiClass"));
        return s;
    }

    /** Reads a real model's structure (the bytes are trusted: no checks). */
    static CbmSpec readTrusted(byte[] cbm) {
        ByteBuffer b = ByteBuffer.wrap(cbm).order(ByteOrder.LITTLE_ENDIAN);
        Fb fb = new Fb(b.slice(8, b.getInt(4)).order(ByteOrder.LITTLE_ENDIAN));
        int core = fb.deref(0);
        int trees = fb.deref(fb.field(core, 1));
        CbmSpec s = new CbmSpec();
        s.dimension = fb.b.getInt(fb.field(trees, 0));
        s.splits = fb.ints(fb.field(trees, 1));
        s.treeSizes = fb.ints(fb.field(trees, 2));
        int features = fb.deref(fb.field(trees, 5));
        for (int i = 0; i < fb.b.getInt(features); i++) {
            int f = fb.deref(features + 4 + 4 * i);
            int bp = fb.field(f, 3);
            s.borders.add(bp < 0 ? new float[0] : fb.floats(bp));
            int hn = fb.field(f, 0);
            s.hasNans.add(hn >= 0 && fb.b.get(hn) != 0);
            int nt = fb.field(f, 5);
            s.nanTreatment.add(nt < 0 ? 0 : (int) fb.b.get(nt));
        }
        s.leaves = fb.doubles(fb.field(trees, 8));
        int sc = fb.field(trees, 14);
        s.scale = sc < 0 ? null : fb.b.getDouble(sc);
        int bi = fb.field(trees, 15);
        s.bias = bi < 0 ? null : fb.b.getDouble(bi);
        int mb = fb.field(trees, 16);
        s.multiBias = mb < 0 ? null : fb.doubles(mb);
        int info = fb.field(core, 2);
        if (info >= 0) {
            int v = fb.deref(info);
            for (int i = 0; i < fb.b.getInt(v); i++) {
                int kv = fb.deref(v + 4 + 4 * i);
                s.info.put(fb.str(fb.field(kv, 0)), fb.str(fb.field(kv, 1)));
            }
        }
        return s;
    }

    /** Position in {@code cbm} of the length of the vector in field {@code slot} of the trees table (trusted bytes). */
    static int treesVectorAt(byte[] cbm, int slot) {
        ByteBuffer b = ByteBuffer.wrap(cbm).order(ByteOrder.LITTLE_ENDIAN);
        Fb fb = new Fb(b.slice(8, b.getInt(4)).order(ByteOrder.LITTLE_ENDIAN));
        int trees = fb.deref(fb.field(fb.deref(0), 1));
        return 8 + fb.deref(fb.field(trees, slot));
    }

    /** Plain, unchecked FlatBuffers navigation for trusted bytes. */
    private record Fb(ByteBuffer b) {
        int deref(int at) {
            return at + b.getInt(at);
        }

        int field(int table, int slot) {
            int vt = table - b.getInt(table);
            if (4 + 2 * slot >= b.getShort(vt)) {
                return -1;
            }
            int off = b.getShort(vt + 4 + 2 * slot);
            return off == 0 ? -1 : table + off;
        }

        int[] ints(int fieldAt) {
            int v = deref(fieldAt);
            int[] out = new int[b.getInt(v)];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.getInt(v + 4 + 4 * i);
            }
            return out;
        }

        float[] floats(int fieldAt) {
            int v = deref(fieldAt);
            float[] out = new float[b.getInt(v)];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.getFloat(v + 4 + 4 * i);
            }
            return out;
        }

        double[] doubles(int fieldAt) {
            int v = deref(fieldAt);
            double[] out = new double[b.getInt(v)];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.getDouble(v + 4 + 8 * i);
            }
            return out;
        }

        String str(int fieldAt) {
            int v = deref(fieldAt);
            byte[] s = new byte[b.getInt(v)];
            b.get(v + 4, s);
            return new String(s, StandardCharsets.UTF_8);
        }
    }
}

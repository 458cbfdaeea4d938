package org.convpaint.classify.catboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;
import org.convpaint.classify.CatBoostPixelClassifier;
import org.junit.jupiter.api.Test;

/**
 * Damaged and hostile model bytes: each either loads and evaluates, or fails with an {@link InvalidModelException}
 * or {@link UnsupportedModelException} with a one-line message; never another exception, never a crash (the
 * native loader this replaced died with SIGSEGV on 8 of 100 random 4-byte corruptions of lily).
 */
class CatBoostModelRobustnessTest {
    private static final Path SOURCE = Path.of("hostile.cbm");

    /** Loads {@code cbm} and evaluates a few rows every way; returns the failure, or null when it worked. */
    static ConvpaintException loadAndEvaluate(byte[] cbm) {
        CatBoostPixelClassifier clf;
        try {
            clf = CatBoostPixelClassifier.fromCbm(cbm, -1, SOURCE);
        } catch (InvalidModelException | UnsupportedModelException e) {
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"),
                    "a message of more than one line: " + e.getMessage());
            return e;
        }
        int f = clf.numFeatures();
        int k = clf.numClasses();
        int rows = 3;
        float[] x = new float[rows * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 7 == 0 ? Float.NaN : (i % 5) - 2f;
        }
        double[] p = new double[rows * k];
        clf.predictProba(x, rows, p);
        int[] used = clf.usedFeatures();
        int[] columns = new int[used.length];
        float[] data = new float[used.length * rows];
        for (int i = 0; i < used.length; i++) {
            columns[i] = i * rows;
            for (int r = 0; r < rows; r++) {
                data[i * rows + r] = x[r * f + used[i]];
            }
        }
        double[] q = new double[rows * k];
        clf.compact().bindColumns(data, columns).predictProba(0, rows, q, 0, rows);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < k; c++) {
                assertEquals(Double.doubleToLongBits(p[r * k + c]), Double.doubleToLongBits(q[c * rows + r]),
                        "compact column evaluation must equal row evaluation");
            }
        }
        return null;
    }

    static CbmSpec small() {
        CbmSpec s = CbmSpec.random(new Random(11), 4, 5, 3, 3);
        s.info.put("class_params", "{\"class_names\":[1,2,3]}");
        return s;
    }

    @Test
    void everyTruncationOfASmallModelFailsWithOneLineOrStillEvaluates() {
        byte[] cbm = small().toCbm();
        assertTrue(loadAndEvaluate(cbm) == null, "the untruncated model loads");
        for (int n = 0; n < cbm.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(cbm, n);
            assertTrue(loadAndEvaluate(cut) instanceof InvalidModelException, "cut at " + n);
            if (n >= 8) {
                int size = n - 8;
                cut[4] = (byte) size;
                cut[5] = (byte) (size >> 8);
                cut[6] = (byte) (size >> 16);
                cut[7] = (byte) (size >> 24);
                loadAndEvaluate(cut); // loads (only padding or a string's terminator cut) or fails with one line
            }
        }
    }

    @Test
    void every4ByteCorruptionOfLilyAt200OffsetsEvaluatesOrFailsWithOneLine() throws Exception {
        byte[] lily = Lily.cbm();
        Random rnd = new Random(14);
        int[] values = {0, -1, 0x7fffffff, 0x80000000, 0x00010000, 1};
        int failures = 0;
        int loads = 0;
        for (int i = 0; i < 200; i++) {
            // half of the offsets in the header and tables at the front (where the structure lives), half anywhere
            int at = i < 100 ? 4 + rnd.nextInt(Math.min(lily.length - 8, 2048)) : rnd.nextInt(lily.length - 4);
            for (int v : new int[] {values[i % values.length], rnd.nextInt()}) {
                byte[] bad = lily.clone();
                for (int j = 0; j < 4; j++) {
                    bad[at + j] = (byte) (v >> (8 * j));
                }
                if (loadAndEvaluate(bad) == null) {
                    loads++;
                } else {
                    failures++;
                }
            }
        }
        System.out.println("[catboost-robustness] lily corruptions: " + loads + " load and evaluate, " + failures
                + " fail with one line");
        assertEquals(400, loads + failures);
    }

    @Test
    void aTreeCountClaiming2To31EntriesFailsWithOneLine() {
        for (int slot : new int[] {1, 2, 3, 8}) {
            byte[] cbm = small().toCbm();
            int at = CbmSpec.treesVectorAt(cbm, slot);
            cbm[at] = 0;
            cbm[at + 1] = 0;
            cbm[at + 2] = 0;
            cbm[at + 3] = (byte) 0x80;
            InvalidModelException e = assertThrows(InvalidModelException.class,
                    () -> CatBoostPixelClassifier.fromCbm(cbm, -1, SOURCE));
            assertTrue(e.getMessage().contains("2147483648 elements"), e.getMessage());
        }
    }

    @Test
    void aRootOffsetPointingPastTheEndFailsWithOneLine() {
        byte[] cbm = small().toCbm();
        cbm[8] = (byte) 0xf0;
        cbm[9] = (byte) 0xff;
        cbm[10] = (byte) 0xff;
        cbm[11] = (byte) 0x7f;
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> CatBoostPixelClassifier.fromCbm(cbm, -1, SOURCE));
        assertTrue(e.getMessage().contains("outside the model"), e.getMessage());
    }

    @Test
    void aModelWhoseLeafCountDoesNotMatchItsDepthsIsInvalid() {
        CbmSpec s = small();
        s.leaves = java.util.Arrays.copyOf(s.leaves, s.leaves.length - 1);
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
        assertTrue(e.getMessage().contains("leaf values"), e.getMessage());
    }

    @Test
    void treeStartOffsetsThatDisagreeWithTheDepthsAreInvalid() {
        CbmSpec s = small();
        s.treeStartOffsets = new int[s.treeSizes.length];
        s.treeStartOffsets[s.treeSizes.length - 1] = 1;
        assertThrows(InvalidModelException.class, () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
    }

    @Test
    void aSplitNamingAMissingBorderIsInvalid() {
        CbmSpec s = small();
        s.splits[0] = s.borders.stream().mapToInt(b -> b.length).sum();
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
        assertTrue(e.getMessage().contains("names border"), e.getMessage());
    }

    @Test
    void bordersOutOfOrderOrNaNAreInvalid() {
        CbmSpec s = small();
        s.borders.set(0, new float[] {1f, 0f});
        assertThrows(InvalidModelException.class, () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
        s.borders.set(0, new float[] {Float.NaN});
        assertThrows(InvalidModelException.class, () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
    }

    @Test
    void aNonFiniteScaleOrBiasIsInvalid() {
        CbmSpec s = small();
        s.scale = Double.NaN;
        assertThrows(InvalidModelException.class, () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
        s.scale = 1.0;
        s.multiBias = new double[] {0, Double.POSITIVE_INFINITY, 0};
        assertThrows(InvalidModelException.class, () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
    }

    @Test
    void categoricalFeaturesCtrsAndModelPartsAreUnsupported() {
        for (int slot : new int[] {4, 6, 7, 12, 13, 18}) {
            CbmSpec s = small();
            s.extraTreeFields.put(slot, FbWriter.tables(List.of(FbWriter.table(0, 0))));
            UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                    () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE), "slot " + slot);
            assertTrue(e.getMessage().contains("not convpaint models"), e.getMessage());
        }
        CbmSpec s = small();
        s.modelPartIds = FbWriter.tables(List.of(FbWriter.string("static_provider_v1")));
        assertThrows(UnsupportedModelException.class, () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
    }

    @Test
    void nonSymmetricTreesAreUnsupported() {
        CbmSpec s = small();
        s.extraTreeFields.put(10, FbWriter.ints(1 << 16 | 2, 0));
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class,
                () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
        assertTrue(e.getMessage().contains("SymmetricTree"), e.getMessage());
    }

    @Test
    void lossFunctionsOtherThanMultiClassAndLoglossAreUnsupported() {
        CbmSpec s = small();
        s.info.put("params", CbmSpec.params("MultiClassOneVsAll"));
        assertThrows(UnsupportedModelException.class, () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
        s.info.remove("params");
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
        assertTrue(e.getMessage().contains("no loss function"), e.getMessage());
    }

    @Test
    void aDepthBeyondCatBoostsLimitIsInvalid() {
        CbmSpec s = small();
        s.treeSizes = new int[] {17};
        s.splits = new int[17];
        s.leaves = new double[3 << 17];
        InvalidModelException e = assertThrows(InvalidModelException.class,
                () -> CatBoostPixelClassifier.fromCbm(s.toCbm(), -1, SOURCE));
        assertTrue(e.getMessage().contains("depth 17"), e.getMessage());
    }
}

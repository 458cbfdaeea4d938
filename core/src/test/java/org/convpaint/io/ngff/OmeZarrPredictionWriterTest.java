package org.convpaint.io.ngff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.convpaint.grid.DoubleArrayGrid;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.image.Calibration;
import org.convpaint.io.zarr.ZarrArray;
import org.convpaint.io.zarr.ZarrFormat;
import org.convpaint.io.zarr.ZarrGroups;
import org.convpaint.pipeline.Segmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OmeZarrPredictionWriterTest {
    private static final int T = 3;
    private static final int Z = 2;
    private static final int H = 7;
    private static final int W = 9;
    private static final int K = 2;
    private static final Calibration CAL = new Calibration(0.25, 0.5, 2, 30, "\u00b5m", "s");

    @TempDir
    Path dir;

    /** A label telling timepoint, plane and pixel apart; some above 2^31 to check the unsigned bits. */
    private static int label(int t, int z, int y, int x) {
        return (t * 1000 + z * 100 + y * 10 + x) * (x == 3 ? -1 : 1);
    }

    private static Segmentation timepoint(int t) {
        int[] l = new int[Z * H * W];
        double[] p = new double[K * Z * H * W];
        for (int z = 0; z < Z; z++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int i = (z * H + y) * W + x;
                    l[i] = label(t, z, y, x);
                    for (int k = 0; k < K; k++) {
                        p[k * Z * H * W + i] = k + t * 0.125 + i / 1024.0;
                    }
                }
            }
        }
        return new Segmentation("ZYX", Z, H, W, IntArrayGrid.of(l, Z, H, W), DoubleArrayGrid.of(p, K, Z, H, W),
                List.of(), Map.of());
    }

    private static void feed(OmeZarrPredictionWriter w) throws Exception {
        for (int t = 0; t < T; t++) {
            Segmentation s = timepoint(t);
            w.accept(t, s.labels(), s);
        }
    }

    private static double[] readAll(Path array) throws Exception {
        ZarrArray a = ZarrArray.open(array, 0);
        long[] shape = a.shape();
        int n = 1;
        int[] size = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            size[i] = (int) shape[i];
            n *= size[i];
        }
        double[] out = new double[n];
        a.read(new long[shape.length], size, out);
        return out;
    }

    @Test
    void labelsAndProbabilitiesKeepTheInputAxisOrderAndScale() throws Exception {
        Path labels = dir.resolve("img_convpaint_labels.ome.zarr");
        Path probs = dir.resolve("img_convpaint_probabilities.ome.zarr");
        // Z outside T, with a channel axis in between: output axes ZTYX, chunks 4 x 5 that do not divide 7 x 9
        try (OmeZarrPredictionWriter w = OmeZarrPredictionWriter.open(
                LabelTarget.standalone(labels, dir.resolve("img.ome.tif")), probs, "ZCTYX", new int[] {Z, 3, T, H, W},
                CAL, new int[] {4, 5})) {
            assertEquals("ZTYX", w.outputAxes());
            feed(w);
            assertFalse(Files.exists(labels), "nothing appears before finish");
            w.finish();
        }
        ZarrArray a = ZarrArray.open(labels.resolve("0"), 0);
        assertEquals(List.of(1, 1, 4, 5), Stream.of(a.chunks()).flatMapToInt(java.util.Arrays::stream).boxed().toList());
        double[] got = readAll(labels.resolve("0"));
        for (int z = 0; z < Z; z++) {
            for (int t = 0; t < T; t++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        double v = got[((z * T + t) * H + y) * W + x];
                        assertEquals(Integer.toUnsignedLong(label(t, z, y, x)), (long) v, "z" + z + " t" + t);
                    }
                }
            }
        }
        double[] p = readAll(probs.resolve("0"));
        int n = Z * H * W;
        for (int k = 0; k < K; k++) {
            for (int z = 0; z < Z; z++) {
                for (int t = 0; t < T; t++) {
                    for (int i = 0; i < H * W; i++) {
                        double expected = (float) (k + t * 0.125 + (z * H * W + i) / 1024.0);
                        assertEquals(expected, p[((k * Z + z) * T + t) * H * W + i], 0, "k" + k);
                    }
                }
            }
        }
        JsonObject attrs = ZarrGroups.attributes(labels);
        JsonObject ms = attrs.getAsJsonArray("multiscales").get(0).getAsJsonObject();
        assertEquals("0.4", ms.get("version").getAsString());
        assertEquals(JsonParser.parseString("[{\"name\":\"z\",\"type\":\"space\",\"unit\":\"micrometer\"},"
                + "{\"name\":\"t\",\"type\":\"time\",\"unit\":\"second\"},"
                + "{\"name\":\"y\",\"type\":\"space\",\"unit\":\"micrometer\"},"
                + "{\"name\":\"x\",\"type\":\"space\",\"unit\":\"micrometer\"}]"), ms.get("axes"));
        assertEquals(JsonParser.parseString("[2.0, 30.0, 0.5, 0.25]"), ms.getAsJsonArray("datasets").get(0)
                .getAsJsonObject().getAsJsonArray("coordinateTransformations").get(0).getAsJsonObject().get("scale"));
        assertEquals("../img.ome.tif", attrs.getAsJsonObject("image-label").getAsJsonObject("source")
                .get("image").getAsString());
        JsonObject pm = ZarrGroups.attributes(probs).getAsJsonArray("multiscales").get(0).getAsJsonObject();
        assertEquals("c", pm.getAsJsonArray("axes").get(0).getAsJsonObject().get("name").getAsString());
        assertFalse(ZarrGroups.attributes(probs).has("image-label"));
        assertEquals(List.of("img_convpaint_labels.ome.zarr", "img_convpaint_probabilities.ome.zarr"),
                listing(dir));
    }

    @Test
    void closingWithoutFinishingLeavesNothing() throws Exception {
        Path labels = dir.resolve("a_convpaint_labels.ome.zarr");
        try (OmeZarrPredictionWriter w = OmeZarrPredictionWriter.open(LabelTarget.standalone(labels, null),
                dir.resolve("p.ome.zarr"), "TZYX", new int[] {T, Z, H, W}, Calibration.UNKNOWN, new int[] {4, 4})) {
            Segmentation s = timepoint(0);
            w.accept(0, s.labels(), s);
        }
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void finishingReplacesAnExistingOutputWhole() throws Exception {
        Path labels = dir.resolve("a_convpaint_labels.ome.zarr");
        Files.createDirectories(labels.resolve("old"));
        try (OmeZarrPredictionWriter w = OmeZarrPredictionWriter.open(LabelTarget.standalone(labels, null), null,
                "TZYX", new int[] {T, Z, H, W}, Calibration.UNKNOWN, new int[] {64, 64})) {
            feed(w);
            w.finish();
        }
        assertFalse(Files.exists(labels.resolve("old")));
        assertEquals(List.of("a_convpaint_labels.ome.zarr"), listing(dir));
        assertEquals(Integer.toUnsignedLong(label(2, 1, 6, 3)), (long) readAll(labels.resolve("0"))[
                ((2 * Z + 1) * H + 6) * W + 3]);
    }

    @Test
    void labelsGoIntoAV2ImageAndAreListedBesideOthers() throws Exception {
        Path image = dir.resolve("img.zarr");
        ZarrGroups.createGroup(image, ZarrFormat.V2, JsonParser.parseString("{\"multiscales\": []}")
                .getAsJsonObject());
        ZarrGroups.createGroup(image.resolve("labels"), ZarrFormat.V2,
                JsonParser.parseString("{\"labels\": [\"nuclei\"], \"other\": 1}").getAsJsonObject());
        writeInto(image, ZarrFormat.V2);
        JsonObject listing = ZarrGroups.attributes(image.resolve("labels"));
        assertEquals(JsonParser.parseString("{\"labels\": [\"nuclei\", \"convpaint\"], \"other\": 1}"), listing);
        JsonObject label = ZarrGroups.attributes(image.resolve("labels/convpaint"));
        assertEquals("../../", label.getAsJsonObject("image-label").getAsJsonObject("source").get("image")
                .getAsString());
        assertEquals(JsonParser.parseString("{\"multiscales\": []}"), ZarrGroups.attributes(image));
        // a second run replaces the label image and keeps the listing as it is
        writeInto(image, ZarrFormat.V2);
        assertEquals(listing, ZarrGroups.attributes(image.resolve("labels")));
    }

    @Test
    void labelsGoIntoAV3ImageAsNgff05() throws Exception {
        Path image = dir.resolve("img.zarr");
        ZarrGroups.createGroup(image, ZarrFormat.V3, new JsonObject());
        writeInto(image, ZarrFormat.V3);
        assertEquals(JsonParser.parseString("{\"ome\": {\"version\": \"0.5\", \"labels\": [\"convpaint\"]}}"),
                ZarrGroups.attributes(image.resolve("labels")));
        assertEquals(ZarrFormat.V3, ZarrGroups.formatOf(image.resolve("labels/convpaint")).orElseThrow());
        JsonObject ome = ZarrGroups.attributes(image.resolve("labels/convpaint")).getAsJsonObject("ome");
        assertEquals("0.5", ome.get("version").getAsString());
        assertTrue(ome.has("image-label") && ome.has("multiscales"));
        assertEquals(ZarrFormat.V3, ZarrArray.open(image.resolve("labels/convpaint/0"), 0).format());
        assertEquals(Integer.toUnsignedLong(label(1, 0, 2, 3)),
                (long) readAll(image.resolve("labels/convpaint/0"))[((1 * Z) * H + 2) * W + 3]);
    }

    private static void writeInto(Path image, ZarrFormat format) throws Exception {
        try (OmeZarrPredictionWriter w = OmeZarrPredictionWriter.open(LabelTarget.intoImage(image, format), null,
                "TZYX", new int[] {T, Z, H, W}, Calibration.UNKNOWN, new int[] {3, 3})) {
            feed(w);
            w.finish();
        }
    }

    private static List<String> listing(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

package org.convpaint.io.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import org.convpaint.image.PixelType;
import org.convpaint.testing.Fixtures;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The conformance fixtures (skipped when absent): the prediction inputs written by tifffile and the uint32 OME-TIFF
 * outputs written by napari-tmidas read with the shapes, axes and pixel digests of {@code manifest.json}.
 */
class TiffFixturesTest {

    @Test
    void everyFixtureImageReadsWithTheShapeAxesAndDigestOfTheManifest() throws Exception {
        Path root = Fixtures.root();
        int n = 0;
        for (Map.Entry<String, JsonElement> e : Fixtures.manifest().getAsJsonObject("images").entrySet()) {
            JsonObject img = e.getValue().getAsJsonObject();
            Path file = root.resolve(img.getAsJsonObject("file").get("path").getAsString());
            try (TiffReader r = TiffReader.open(file)) {
                String name = e.getKey();
                assertEquals(img.get("axes_convention").getAsString(), r.axes(), name);
                assertArrayEquals(longs(img), r.shape(), name);
                assertTrue(r.axesFromMetadata(), name);
                assertEquals(img.get("dtype").getAsString(), r.pixelType().numpyName(), name);
                assertEquals(img.get("data_sha256").getAsString(), sha256(r), name);
            }
            n++;
        }
        assertTrue(n >= 10, "images in manifest: " + n);
    }

    @Test
    void everyCaseOutputReadsAsUint32OmeTiffWithTheManifestDigest() throws Exception {
        Path root = Fixtures.root();
        int n = 0;
        for (JsonObject c : Fixtures.cases()) {
            for (JsonElement o : c.getAsJsonArray("outputs")) {
                JsonObject out = o.getAsJsonObject();
                if (!out.get("output_type").getAsString().equals("semantic")
                        || out.get("background_label").getAsInt() != 0) {
                    continue;
                }
                Path file = root.resolve(out.getAsJsonObject("file").get("path").getAsString());
                try (TiffReader r = TiffReader.open(file)) {
                    String id = c.get("id").getAsString();
                    assertEquals(PixelType.UINT32, r.pixelType(), id);
                    assertEquals(out.get("ome_axes").getAsString(), r.axes(), id);
                    assertArrayEquals(longs(out), r.shape(), id);
                    assertTrue(r.axesFromMetadata(), id);
                    assertEquals(out.get("data_sha256").getAsString(), sha256(r), id);
                }
                n++;
            }
        }
        assertTrue(n >= 30, "semantic_bg0 outputs in manifest: " + n);
    }

    @Test
    void tzyxFixtureHasTimeThenDepth() throws Exception {
        try (TiffReader r = TiffReader.open(Fixtures.file("images/tzyx_u16_3x8x64x64.tif"))) {
            assertEquals("TZYX", r.axes());
            assertArrayEquals(new long[] {3, 8, 64, 64}, r.shape());
        }
    }

    private static long[] longs(JsonObject o) {
        return Arrays.stream(Fixtures.ints(o.getAsJsonArray("shape"))).asLongStream().toArray();
    }

    /** sha256 of the series as little-endian C-order bytes of its pixel type (numpy's {@code tobytes()}). */
    static String sha256(TiffReader r) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        PixelType t = r.pixelType();
        double[] plane = new double[r.width() * r.height()];
        ByteBuffer b = ByteBuffer.allocate(plane.length * t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p < r.planeCount(); p++) {
            r.readPlane(p, plane);
            b.clear();
            for (double v : plane) {
                switch (t) {
                    case UINT8, INT8 -> b.put((byte) (long) v);
                    case UINT16, INT16 -> b.putShort((short) (long) v);
                    case UINT32, INT32 -> b.putInt((int) (long) v);
                    case FLOAT32 -> b.putFloat((float) v);
                    default -> b.putDouble(v);
                }
            }
            md.update(b.array());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}

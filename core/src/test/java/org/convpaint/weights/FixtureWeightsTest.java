package org.convpaint.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.convpaint.testing.Fixtures;
import org.convpaint.testing.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real weight files of the conformance fixtures (skipped when the fixtures are absent). */
class FixtureWeightsTest {
    @TempDir
    Path tmp;

    /** Each {@code *_vgg16_features.pth} equals its {@code .npz} copy, array by array, bit for bit. */
    @Test
    void vggFeatureWeightsEqualTheirNpzCopies() throws Exception {
        Path models = Fixtures.file("models");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(models, "*_vgg16_features.pth")) {
            ds.forEach(files::add);
        }
        assertFalse(files.isEmpty(), "no *_vgg16_features.pth in " + models);
        for (Path pth : files) {
            Path npz = pth.resolveSibling(pth.getFileName().toString().replace(".pth", ".npz"));
            Map<String, Npy> expected = readNpz(npz);
            Map<String, Tensor> got = TorchWeights.read(pth);
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(got.keySet()), pth.toString());
            for (Map.Entry<String, Npy> e : expected.entrySet()) {
                Tensor t = got.get(e.getKey());
                assertArrayEquals(e.getValue().shape, t.shape(), e.getKey());
                float[] want = new float[e.getValue().size()];
                for (int i = 0; i < want.length; i++) {
                    want[i] = (float) e.getValue().data[i];
                }
                assertArrayEquals(want, t.data(), pth.getFileName() + " " + e.getKey());
            }
        }
    }

    /** The 88 MB DINOv2 file: every key of the JSON listing, in order, with its shape. */
    @Test
    void dinov2HubFileHasEveryListedKeyAndShape() throws Exception {
        Path pth = Fixtures.file("models/dinov2_vits14_reg_random.pth");
        JsonObject listing;
        try (Reader r = Files.newBufferedReader(pth.resolveSibling("dinov2_vits14_reg_random.json"))) {
            listing = JsonParser.parseReader(r).getAsJsonObject();
        }
        JsonObject keys = listing.getAsJsonObject("keys");
        Map<String, Tensor> got = TorchWeights.read(pth);
        assertEquals(List.copyOf(keys.keySet()), List.copyOf(got.keySet()));
        long values = 0;
        for (String k : keys.keySet()) {
            assertArrayEquals(Fixtures.ints(keys.getAsJsonObject(k).getAsJsonArray("shape")), got.get(k).shape(), k);
            values += got.get(k).size();
        }
        assertEquals(listing.get("n_values").getAsLong(), values);
        // first, last and sum of values as torch 1.13's torch.load reports them
        assertValues(got.get("cls_token"), -0.030511917546391487, -0.015004635788500309, 0.019771331921219826,
                0.20786602704538382);
        assertValues(got.get("pos_embed"), 0.031017689034342766, -0.017708443105220795, -0.00994726363569498,
                -3.5209573666169973);
        assertValues(got.get("blocks.11.mlp.fc2.weight"), 0.011966941878199577, -0.012789642438292503,
                -0.008861884474754333, -20.075211361593766);
    }

    private static void assertValues(Tensor t, double first, double second, double last, double sum) {
        float[] d = t.data();
        assertEquals((float) first, d[0], t.name());
        assertEquals((float) second, d[1], t.name());
        assertEquals((float) last, d[d.length - 1], t.name());
        double s = 0;
        for (float v : d) {
            s += v;
        }
        assertEquals(sum, s, 1e-9 * d.length, t.name());
    }

    /** NPZ: a zip of .npy files named after the arrays, in zip order. */
    private Map<String, Npy> readNpz(Path npz) throws IOException {
        Map<String, Npy> out = new java.util.LinkedHashMap<>();
        try (ZipFile z = new ZipFile(npz.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                Path f = tmp.resolve("array.npy");
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, f, StandardCopyOption.REPLACE_EXISTING);
                }
                out.put(e.getName().replaceFirst("\\.npy$", ""), Npy.read(f));
            }
        }
        return out;
    }
}

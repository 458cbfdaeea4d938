package org.convpaint.io.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.convpaint.image.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with zarr-python 2 (Debian's python3-zarr 2.13 with numcodecs 0.11): v2 stores written by
 * {@code make_python_zarr.py} (every dtype in both byte orders, every numcodecs compressor and blosc shuffle, F
 * order, nested keys, never-written chunks) read by {@link ZarrArray}, and stores written by
 * {@link ZarrArrayWriter} checked by {@code check_java_zarr.py}. Skipped, with a line on stderr, where
 * {@code /usr/bin/python3 -c "import zarr"} fails.
 */
class ZarrPythonInteropTest {
    /** The Python with zarr 2 (system property {@code convpaint.zarrPython} to use another, or to test the skip). */
    private static final String PYTHON = System.getProperty("convpaint.zarrPython", "/usr/bin/python3");
    private static final long[] SHAPE = {3, 37, 50};
    private static final int[] CHUNKS = {2, 16, 16};
    /** The region make_python_zarr.py writes of partial stores (start, end per dimension). */
    private static final long[][] PARTIAL = {{0, 2}, {0, 16}, {16, 48}};
    private static final Map<String, PixelType> KINDS = Map.of("u1", PixelType.UINT8, "i1", PixelType.INT8,
            "u2", PixelType.UINT16, "i2", PixelType.INT16, "u4", PixelType.UINT32, "i4", PixelType.INT32,
            "f2", PixelType.FLOAT16, "f4", PixelType.FLOAT32, "f8", PixelType.FLOAT64);

    @TempDir
    Path tmp;

    @Test
    void storesWrittenByZarrPythonReadAsItsValues() throws Exception {
        assumePythonZarr();
        Path script = copyScripts();
        String out = run(PYTHON, script.toString(), tmp.resolve("stores").toString());
        System.err.println("ZarrPythonInteropTest: " + out.strip());
        JsonArray manifest = JsonParser.parseString(Files.readString(tmp.resolve("stores/manifest.json")))
                .getAsJsonArray();
        assertTrue(manifest.size() > 200, "stores written: " + manifest.size());
        for (JsonElement e : manifest) {
            JsonObject entry = e.getAsJsonObject();
            String name = entry.get("name").getAsString();
            PixelType t = KINDS.get(entry.get("kind").getAsString());
            double fill = entry.get("fill").getAsDouble();
            boolean partial = entry.get("partial").getAsBoolean();
            ZarrArray a = ZarrArray.open(tmp.resolve("stores").resolve(name), 1 << 20);
            assertEquals(t, a.dataType(), name);
            assertArrayEquals(SHAPE, a.shape(), name);
            assertEquals(fill, a.fillValue(), name);
            for (long[][] r : ZarrRoundTripTest.regions()) {
                int[] size = {(int) r[1][0], (int) r[1][1], (int) r[1][2]};
                double[] got = new double[size[0] * size[1] * size[2]];
                a.read(r[0], size, got);
                assertArrayEquals(expected(t, r[0], size, partial, fill), got, 0.0, name);
            }
        }
    }

    @Test
    void storesWrittenByZarrArrayWriterReadInZarrPythonAsTheirValues() throws Exception {
        assumePythonZarr();
        Path script = copyScripts();
        Path root = tmp.resolve("java");
        JsonArray manifest = new JsonArray();
        List<ZarrCompressor> compressors = new ArrayList<>(ZarrRoundTripTest.compressors(ZarrFormat.V2));
        compressors.add(ZarrCompressor.bloscZstd(5));
        int k = 0;
        for (ZarrCompressor c : compressors) {
            for (PixelType t : PixelType.values()) {
                for (String sep : new String[] {".", "/"}) {
                    boolean partial = (k++ % 3) == 0;
                    double fill = partial ? (t.isFloating() ? Double.NaN : 5) : 0;
                    String name = "s" + k;
                    ZarrArrayWriter w = ZarrArrayWriter.create(root.resolve(name),
                            new ZarrArraySpec(ZarrFormat.V2, SHAPE, CHUNKS, t, c, fill, sep));
                    if (partial) {
                        long[] off = {PARTIAL[0][0], PARTIAL[1][0], PARTIAL[2][0]};
                        int[] size = {2, 16, 32};
                        w.write(off, size, ZarrValues.region(t, SHAPE, off, size));
                    } else {
                        w.write(new long[3], new int[] {3, 37, 50}, ZarrValues.region(t, SHAPE, new long[3],
                                new int[] {3, 37, 50}));
                    }
                    JsonObject entry = new JsonObject();
                    entry.addProperty("name", name);
                    entry.addProperty("kind", kind(t));
                    entry.addProperty("dtype", (t.bytes() == 1 ? "|" : "<") + kind(t));
                    entry.addProperty("fill", Double.isNaN(fill) ? "nan" : String.valueOf(fill));
                    entry.addProperty("partial", partial);
                    manifest.add(entry);
                }
            }
        }
        Files.writeString(root.resolve("manifest.json"), manifest.toString());
        String out = run(PYTHON, script.resolveSibling("check_java_zarr.py").toString(), root.toString());
        long ok = out.lines().filter(l -> l.startsWith("OK ")).count();
        System.err.println("ZarrPythonInteropTest: zarr-python read " + ok + " of " + manifest.size()
                + " stores written by ZarrArrayWriter");
        assertEquals(manifest.size(), ok, out);
    }

    private static String kind(PixelType t) {
        return KINDS.entrySet().stream().filter(e -> e.getValue() == t).findFirst().orElseThrow().getKey();
    }

    private static double[] expected(PixelType t, long[] off, int[] size, boolean partial, double fill) {
        double[] v = ZarrValues.region(t, SHAPE, off, size);
        if (!partial) {
            return v;
        }
        int[] at = new int[3];
        for (int i = 0; i < v.length; i++) {
            boolean inside = true;
            for (int d = 0; d < 3; d++) {
                long x = off[d] + at[d];
                inside &= x >= PARTIAL[d][0] && x < PARTIAL[d][1];
            }
            if (!inside) {
                v[i] = fill;
            }
            for (int d = 2; d >= 0 && ++at[d] == size[d]; d--) {
                at[d] = 0;
            }
        }
        return v;
    }

    private Path copyScripts() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("scripts"));
        for (String name : new String[] {"make_python_zarr.py", "check_java_zarr.py"}) {
            try (InputStream in = ZarrPythonInteropTest.class.getResourceAsStream("/zarr/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir.resolve("make_python_zarr.py");
    }

    /** Skips the test, visibly, where python3-zarr is missing. */
    private static void assumePythonZarr() {
        boolean available;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import zarr").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            available = false;
        }
        if (!available) {
            System.err.println("ZarrPythonInteropTest: SKIPPED: " + PYTHON + " -c \"import zarr\" fails "
                    + "(install python3-zarr to run the zarr-python interoperability tests)");
        }
        assumeTrue(available, "python3-zarr (" + PYTHON + " with zarr) is not installed");
    }

    /** Runs a command, returns its output; fails the test if it fails or takes more than 5 minutes. */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + String.join(" ", command));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ":\n" + text);
        return text;
    }
}

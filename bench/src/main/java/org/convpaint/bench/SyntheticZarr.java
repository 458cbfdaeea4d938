package org.convpaint.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import com.google.gson.JsonParser;

import org.convpaint.image.PixelType;
import org.convpaint.io.zarr.ZarrArraySpec;
import org.convpaint.io.zarr.ZarrArrayWriter;
import org.convpaint.io.zarr.ZarrCompressor;
import org.convpaint.io.zarr.ZarrFormat;
import org.convpaint.io.zarr.ZarrGroups;

/** {@link SyntheticImage}'s pixels as an OME-Zarr image, written a band of 1024 rows at a time. */
final class SyntheticZarr {
    private static final int CHUNK = 1024;

    private SyntheticZarr() {
    }

    static void write(Path store, String axes, long[] shape, long y0, long x0) throws Exception {
        StringBuilder names = new StringBuilder();
        for (char a : axes.toCharArray()) {
            names.append(names.length() == 0 ? "" : ",").append("{\"name\":\"")
                    .append(String.valueOf(a).toLowerCase(Locale.ROOT)).append("\",\"type\":\"")
                    .append(a == 'T' ? "time" : a == 'C' ? "channel" : "space").append("\"}");
        }
        ZarrGroups.createGroup(store, ZarrFormat.V2, JsonParser.parseString("{\"multiscales\":[{\"version\":\"0.4\","
                + "\"axes\":[" + names + "],\"datasets\":[{\"path\":\"0\"}]}]}").getAsJsonObject());
        int rank = shape.length;
        int[] chunks = new int[rank];
        Arrays.fill(chunks, 1);
        chunks[rank - 2] = (int) Math.min(CHUNK, shape[rank - 2]);
        chunks[rank - 1] = (int) Math.min(CHUNK, shape[rank - 1]);
        ZarrArrayWriter writer = ZarrArrayWriter.create(store.resolve("0"), new ZarrArraySpec(ZarrFormat.V2, shape,
                chunks, PixelType.UINT16, ZarrCompressor.bloscZstd(5), 0, "/"));
        int h = (int) shape[rank - 2];
        int w = (int) shape[rank - 1];
        int ti = axes.indexOf('T');
        int zi = axes.indexOf('Z');
        int frames = ti < 0 ? 1 : (int) shape[ti];
        int depth = zi < 0 ? 1 : (int) shape[zi];
        double[] band = new double[chunks[rank - 2] * w];
        for (int t = 0; t < frames; t++) {
            for (int z = 0; z < depth; z++) {
                for (int y = 0; y < h; y += chunks[rank - 2]) {
                    int rows = Math.min(chunks[rank - 2], h - y);
                    for (int r = 0; r < rows; r++) {
                        for (int x = 0; x < w; x++) {
                            band[r * w + x] = SyntheticImage.value(t, z, y0 + y + r, x0 + x);
                        }
                    }
                    long[] offset = new long[rank];
                    int[] size = new int[rank];
                    Arrays.fill(size, 1);
                    if (ti >= 0) {
                        offset[ti] = t;
                    }
                    if (zi >= 0) {
                        offset[zi] = z;
                    }
                    offset[rank - 2] = y;
                    size[rank - 2] = rows;
                    size[rank - 1] = w;
                    writer.write(offset, size, rows == chunks[rank - 2] ? band : Arrays.copyOf(band, rows * w));
                }
            }
        }
    }
}

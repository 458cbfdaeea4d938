package org.convpaint.io.zarr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Zarr stores written by hand in tests, with plain Java: metadata as JSON text, chunks as bytes encoded here
 * (not by the code under test). Stateless.
 */
final class HandStores {
    private HandStores() {
    }

    /** Writes {@code text} (single quotes become double quotes) to {@code dir/name}, creating folders. */
    static Path text(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text.replace('\'', '"'));
        return file;
    }

    /** Writes {@code bytes} to {@code dir/name}, creating folders. */
    static Path bytes(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }

    /** Element encodings by numpy type character and size. */
    enum Kind {
        U1, I1, U2, I2, U4, I4, F2, F4, F8
    }

    /** {@code values} as elements of {@code kind} in byte {@code order}. */
    static byte[] encode(Kind kind, ByteOrder order, double[] values) {
        int size = switch (kind) {
            case U1, I1 -> 1;
            case U2, I2, F2 -> 2;
            case U4, I4, F4 -> 4;
            case F8 -> 8;
        };
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
        for (double v : values) {
            switch (kind) {
                case U1, I1 -> b.put((byte) (long) v);
                case U2, I2 -> b.putShort((short) (long) v);
                case U4, I4 -> b.putInt((int) (long) v);
                case F2 -> b.putShort(halfOfSmallQuarter(v));
                case F4 -> b.putFloat((float) v);
                case F8 -> b.putDouble(v);
            }
        }
        return b.array();
    }

    /**
     * The half bits of {@code v}, a multiple of 0.25 with {@code 1 <= |v| < 1024} or 0 (enough for the tests;
     * written out here so that the test does not use the writer's conversion).
     */
    private static short halfOfSmallQuarter(double v) {
        if (v == 0) {
            return 0;
        }
        int sign = v < 0 ? 0x8000 : 0;
        double a = Math.abs(v);
        int e = 0;
        while (a >= 2) {
            a /= 2;
            e++;
        }
        int mantissa = (int) Math.round((a - 1) * 1024);
        return (short) (sign | ((e + 15) << 10) | mantissa);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The values of 2-D chunk (cy, cx) of an array of {@code h x w} with chunks {@code ch x cw}, element (y, x)
     * being {@code f(y * w + x)}, padded with {@code pad} beyond the array, in C order or (fortran) F order.
     */
    static double[] chunk2d(long h, long w, int ch, int cw, int cy, int cx, java.util.function.LongToDoubleFunction f,
            double pad, boolean fortran) {
        double[] v = new double[ch * cw];
        for (int a = 0; a < ch; a++) {
            for (int b = 0; b < cw; b++) {
                long y = (long) cy * ch + a;
                long x = (long) cx * cw + b;
                double value = y < h && x < w ? f.applyAsDouble(y * w + x) : pad;
                v[fortran ? b * ch + a : a * cw + b] = value;
            }
        }
        return v;
    }
}

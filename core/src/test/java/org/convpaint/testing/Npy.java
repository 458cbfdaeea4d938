package org.convpaint.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads numpy {@code .npy} files (format 1.0–3.0, C order, numeric dtypes) into doubles. */
public final class Npy {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** Shape in numpy order. */
    public final int[] shape;
    /** Values in C order. */
    public final double[] data;
    /** numpy kind and size, e.g. {@code f4}, {@code u1}. */
    public final String dtype;

    private Npy(int[] shape, double[] data, String dtype) {
        this.shape = shape;
        this.data = data;
        this.dtype = dtype;
    }

    public static Npy read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int major = all[6];
        int headerLen = major == 1 ? (b.getShort(8) & 0xffff) : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
        if (header.contains("'fortran_order': True")) {
            throw new IOException("Fortran-order .npy not supported: " + file);
        }
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IOException("unsupported .npy header: " + header);
        }
        String[] dims = s.group(1).split(",");
        int count = 0;
        for (String dim : dims) {
            if (!dim.isBlank()) {
                count++;
            }
        }
        int[] shape = new int[count];
        long n = 1;
        int i = 0;
        for (String dim : dims) {
            if (!dim.isBlank()) {
                shape[i] = Integer.parseInt(dim.strip());
                n *= shape[i++];
            }
        }
        ByteBuffer data = ByteBuffer.wrap(all, start + headerLen, all.length - start - headerLen)
                .order(d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        char kind = d.group(2).charAt(0);
        int size = Integer.parseInt(d.group(3));
        double[] out = new double[(int) n];
        for (int k = 0; k < n; k++) {
            out[k] = switch (kind + "" + size) {
                case "f4" -> data.getFloat();
                case "f8" -> data.getDouble();
                case "u1" -> data.get() & 0xff;
                case "i1" -> data.get();
                case "u2" -> data.getShort() & 0xffff;
                case "i2" -> data.getShort();
                case "u4" -> data.getInt() & 0xffffffffL;
                case "i4" -> data.getInt();
                case "i8" -> data.getLong();
                case "b1" -> data.get() != 0 ? 1 : 0;
                default -> throw new IOException("unsupported .npy dtype " + kind + size);
            };
        }
        return new Npy(shape, out, kind + "" + size);
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }
}

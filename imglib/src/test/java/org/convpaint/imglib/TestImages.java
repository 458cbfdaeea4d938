package org.convpaint.imglib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.convpaint.image.PixelType;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.testing.TiffPlanes;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.planar.PlanarImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** Test images: synthetic ones whose pixels encode their position, and TIFF pixels in any ImgLib2 order. */
final class TestImages {
    /** Sizes of the synthetic images per axis letter. */
    private static final String LETTERS = "XYZCT";
    private static final long[] SIZES = {5, 6, 3, 2, 2};
    /** Weight of each letter's coordinate in a position-encoding pixel value (every coordinate is below 10). */
    private static final double[] WEIGHTS = {1, 10, 100, 1000, 10000};

    private TestImages() {
    }

    /** An empty array or planar image of {@code type}. */
    static <T extends NativeType<T> & RealType<T>> Img<T> create(final T type, final boolean planar,
            final long... dims) {
        return planar ? new PlanarImgFactory<>(type).create(dims) : new ArrayImgFactory<>(type).create(dims);
    }

    /** Sets the pixels in flat iteration order (dimension 0 fastest). */
    static void fill(final RandomAccessibleInterval<? extends RealType<?>> img, final double[] values) {
        final Cursor<? extends RealType<?>> c = Views.flatIterable(img).cursor();
        for (double v : values) {
            c.next().setReal(v);
        }
    }

    /** Sizes of a synthetic image with these axis letters (in ImgLib2 dimension order). */
    static long[] dims(final String letters) {
        final long[] dims = new long[letters.length()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = SIZES[LETTERS.indexOf(letters.charAt(d))];
        }
        return dims;
    }

    /** The engine's axes of an image with these letters: T, Z, C, Y, X as present. */
    static String engineAxes(final String letters) {
        final StringBuilder sb = new StringBuilder();
        for (char c : "TZCYX".toCharArray()) {
            if (letters.indexOf(c) >= 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Sets each pixel to the weighted sum of its (zero-based) coordinates, by axis letter. */
    static void encodePositions(final Img<? extends RealType<?>> img, final String letters) {
        final Cursor<? extends RealType<?>> c = img.localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            double v = 0;
            for (int d = 0; d < letters.length(); d++) {
                v += c.getLongPosition(d) * WEIGHTS[LETTERS.indexOf(letters.charAt(d))];
            }
            c.get().setReal(v);
        }
    }

    /**
     * Checks every plane the source reads against position-encoded pixels: the pixel at coordinates p (relative to
     * the source's interval) must encode {@code base + p}; {@code base} is per dimension of {@code letters}.
     */
    static void assertPlanesEncodePositions(final ImgLib2ImageSource source, final long[] base,
            final String letters) throws Exception {
        final String axes = source.axes();
        final int[] shape = source.shape();
        final int n = axes.length();
        int planes = 1;
        for (int i = 0; i < n - 2; i++) {
            planes *= shape[i];
        }
        final int h = shape[n - 2];
        final int w = shape[n - 1];
        final double[] plane = new double[h * w];
        for (int p = 0; p < planes; p++) {
            source.readPlane(p, plane);
            double lead = 0;
            int rest = p;
            for (int i = n - 3; i >= 0; i--) {
                lead += (base[letters.indexOf(axes.charAt(i))] + rest % shape[i]) * weight(axes.charAt(i));
                rest /= shape[i];
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    final double want = lead + (base[letters.indexOf('Y')] + y) * weight('Y')
                            + (base[letters.indexOf('X')] + x) * weight('X');
                    assertEquals(want, plane[y * w + x], "plane " + p + " y " + y + " x " + x);
                }
            }
        }
    }

    private static double weight(final char letter) {
        return WEIGHTS[LETTERS.indexOf(letter)];
    }

    /** A TIFF's pixels: engine axes (as the engine decided them), shape and values in C order. */
    record Pixels(String axes, int[] shape, PixelType type, double[] values) {
        static Pixels read(final Path tif, final String axes) throws Exception {
            try (TiffReader r = TiffReader.open(tif)) {
                final double[] all = TiffPlanes.all(r);
                final long[] s = r.shape();
                int[] shape = new int[axes.length()];
                if (axes.length() == s.length) {
                    for (int i = 0; i < s.length; i++) {
                        shape[i] = (int) s[i];
                    }
                } else {
                    throw new IllegalArgumentException(axes + " for a TIFF of " + java.util.Arrays.toString(s));
                }
                return new Pixels(axes, shape, r.pixelType(), all);
            }
        }

        /** The size of engine axis {@code letter}. */
        int size(final char letter) {
            return shape[axes.indexOf(letter)];
        }
    }

    /**
     * The pixels as an array or planar ImgLib2 image whose dimensions are the axis {@code letters} (a permutation
     * of the pixels' axes), of the ImgLib2 type of the TIFF's pixel type.
     */
    static Img<? extends RealType<?>> image(final Pixels pixels, final String letters, final boolean planar) {
        final long[] dims = new long[letters.length()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = pixels.size(letters.charAt(d));
        }
        final Img<? extends RealType<?>> img = switch (pixels.type()) {
            case UINT8 -> create(new UnsignedByteType(), planar, dims);
            case UINT16 -> create(new UnsignedShortType(), planar, dims);
            case FLOAT32 -> create(new FloatType(), planar, dims);
            default -> throw new IllegalArgumentException("no test image of " + pixels.type());
        };
        final long[] strides = strides(pixels.shape());
        final Cursor<? extends RealType<?>> c = img.localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            long at = 0;
            for (int d = 0; d < dims.length; d++) {
                at += c.getLongPosition(d) * strides[pixels.axes().indexOf(letters.charAt(d))];
            }
            c.get().setReal(pixels.values()[(int) at]);
        }
        return img;
    }

    private static long[] strides(final int[] shape) {
        final long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /**
     * Labels collected in ImgLib2 order {@code letters} (positions relative to the image's minimum), rearranged into
     * the C order of the engine's label image of {@code axes} and {@code shape}.
     */
    static int[] engineOrder(final RandomAccessibleInterval<IntType> labels, final String letters, final String axes,
            final int[] shape) {
        final long[] strides = strides(shape);
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        final int[] out = new int[(int) n];
        final Cursor<IntType> c = Views.iterable(labels).localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            long at = 0;
            for (int d = 0; d < letters.length(); d++) {
                at += (c.getLongPosition(d) - labels.min(d)) * strides[axes.indexOf(letters.charAt(d))];
            }
            out[(int) at] = c.get().get();
        }
        return out;
    }
}

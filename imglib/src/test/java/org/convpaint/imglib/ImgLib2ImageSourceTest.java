package org.convpaint.imglib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.NativeType;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.LongType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.Unsigned12BitType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedLongType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/** {@link ImgLib2ImageSource}: pixel types, axis orders, interval minima, views, calibration and refusals. */
class ImgLib2ImageSourceTest {

    static Stream<Arguments> supportedTypes() {
        return Stream.of(
                Arguments.of(new UnsignedByteType(), PixelType.UINT8, new double[] {0, 1, 128, 255}),
                Arguments.of(new ByteType(), PixelType.INT8, new double[] {-128, -1, 0, 127}),
                Arguments.of(new UnsignedShortType(), PixelType.UINT16, new double[] {0, 1, 40000, 65535}),
                Arguments.of(new ShortType(), PixelType.INT16, new double[] {-32768, -5, 0, 32767}),
                Arguments.of(new UnsignedIntType(), PixelType.UINT32, new double[] {0, 7, 3e9, 4294967295.0}),
                Arguments.of(new IntType(), PixelType.INT32, new double[] {-2147483648.0, -3, 0, 2147483647}),
                Arguments.of(new FloatType(), PixelType.FLOAT32, new double[] {-1.5, 0.25, 1e-3f, 3.4e38f}),
                Arguments.of(new DoubleType(), PixelType.FLOAT64, new double[] {-1e300, 0.1, 1e-300, 7}));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("supportedTypes")
    <T extends NativeType<T> & RealType<T>> void everySupportedPixelTypeIsReadWithItsEngineType(final T type,
            final PixelType expected, final double[] values) throws Exception {
        for (boolean planar : new boolean[] {false, true}) {
            final Img<T> img = TestImages.create(type, planar, 2, 2);
            TestImages.fill(img, values);
            final ImgLib2ImageSource source = ImgLib2ImageSource.of(img, ImageAxis.ofLetters("XY"));
            assertEquals(expected, source.pixelType());
            final double[] plane = new double[4];
            source.readPlane(0, plane);
            final double[] want = values.clone();
            if (expected == PixelType.FLOAT32) {
                for (int i = 0; i < want.length; i++) {
                    want[i] = (float) want[i];
                }
            }
            assertArrayEquals(want, plane, (planar ? "planar " : "array ") + expected);
        }
    }

    static Stream<Arguments> unsupportedTypes() {
        return Stream.of(Arguments.of("BitType", (Supplier<?>) () -> ArrayImgs.bits(3, 3)),
                Arguments.of("LongType", (Supplier<?>) () -> ArrayImgs.longs(3, 3)),
                Arguments.of("UnsignedLongType", (Supplier<?>) () -> ArrayImgs.unsignedLongs(3, 3)),
                Arguments.of("Unsigned12BitType", (Supplier<?>) () -> ArrayImgs.unsigned12Bits(3, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedTypes")
    void otherPixelTypesAreRefusedWithAConversionHint(final String name, final Supplier<?> image) {
        @SuppressWarnings("unchecked")
        final RandomAccessibleInterval<? extends RealType<?>> img =
                (RandomAccessibleInterval<? extends RealType<?>>) image.get();
        final InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImgLib2ImageSource.of(img, ImageAxis.ofLetters("XY")));
        assertTrue(e.getMessage().contains("pixel type " + name + " is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("Image Converter"), e.getMessage());
    }

    @Test
    void onlyTheExactSupportedClassesHaveAnEngineType() {
        assertNull(ImgLib2ImageSource.pixelTypeOf(BitType.class));
        assertNull(ImgLib2ImageSource.pixelTypeOf(LongType.class));
        assertNull(ImgLib2ImageSource.pixelTypeOf(UnsignedLongType.class));
        assertNull(ImgLib2ImageSource.pixelTypeOf(Unsigned12BitType.class));
        assertEquals(PixelType.UINT16, ImgLib2ImageSource.pixelTypeOf(UnsignedShortType.class));
    }

    /** Image orders (ImgLib2 dimension order) and the engine's view of them. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XY", "YX", "XYZ", "XYC", "XYZCT", "XYCZT", "TCZYX", "CXYT", "YXTZ", "ZXTCY"})
    void axesArePresentedAsTzcyxWhateverTheImageOrder(final String letters) throws Exception {
        final long[] dims = TestImages.dims(letters);
        final Img<DoubleType> img = TestImages.create(new DoubleType(), false, dims);
        TestImages.encodePositions(img, letters);
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(img, ImageAxis.ofLetters(letters));
        final String engine = TestImages.engineAxes(letters);
        assertEquals(engine, source.axes());
        final int[] shape = source.shape();
        for (int i = 0; i < engine.length(); i++) {
            assertEquals(dims[letters.indexOf(engine.charAt(i))], shape[i], "size of " + engine.charAt(i));
        }
        for (int d = 0; d < letters.length(); d++) {
            assertEquals(d, source.dimensionOf(Axis.ofLetter(letters.charAt(d))));
        }
        TestImages.assertPlanesEncodePositions(source, new long[letters.length()], letters);
    }

    @Test
    void absentAxesHaveNoDimension() throws Exception {
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(ArrayImgs.bytes(4, 3), ImageAxis.ofLetters("YX"));
        assertEquals(-1, source.dimensionOf(Axis.Z));
        assertEquals(-1, source.dimensionOf(Axis.T));
        assertEquals(-1, source.dimensionOf(Axis.C));
        assertArrayEquals(new int[] {4, 3}, source.shape(), "Y is dimension 0 here: 4 rows of 3 columns");
    }

    @Test
    void nonZeroIntervalMinimaAreHonoured() throws Exception {
        final String letters = "XYZT";
        final Img<DoubleType> img = TestImages.create(new DoubleType(), false, TestImages.dims(letters));
        TestImages.encodePositions(img, letters);
        final long[] offset = {-3, 17, 5, 2};
        final RandomAccessibleInterval<DoubleType> moved = Views.translate(img, offset);
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(moved, ImageAxis.ofLetters(letters));
        assertEquals("TZYX", source.axes());
        TestImages.assertPlanesEncodePositions(source, new long[4], letters);
    }

    @Test
    void anIntervalOfAnImageReadsOnlyThatRegion() throws Exception {
        final String letters = "XYZ";
        final Img<DoubleType> img = TestImages.create(new DoubleType(), false, TestImages.dims(letters));
        TestImages.encodePositions(img, letters);
        final long[] min = {1, 2, 1};
        final long[] max = {4, 3, 2};
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(Views.interval(img, min, max),
                ImageAxis.ofLetters(letters));
        assertArrayEquals(new int[] {2, 2, 4}, source.shape());
        TestImages.assertPlanesEncodePositions(source, min, letters);
    }

    @Test
    void aPermutedViewIsReadThroughItsOwnAxes() throws Exception {
        final Img<DoubleType> img = TestImages.create(new DoubleType(), false, TestImages.dims("XYZ"));
        TestImages.encodePositions(img, "XYZ");
        // dimension 0 of the view is the image's Z, 2 its X: the axis list names the view's dimensions
        final RandomAccessibleInterval<DoubleType> zyx = Views.permute(img, 0, 2);
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(zyx, ImageAxis.ofLetters("ZYX"));
        assertEquals("ZYX", source.axes());
        TestImages.assertPlanesEncodePositions(source, new long[3], "ZYX");
        final double[] direct = new double[6 * 5];
        final double[] viewed = new double[6 * 5];
        ImgLib2ImageSource.of(img, ImageAxis.ofLetters("XYZ")).readPlane(2, direct);
        source.readPlane(2, viewed);
        assertArrayEquals(direct, viewed, "same planes whichever way the dimensions are stored");
    }

    @Test
    void aTransposedPlaneIsReadAsTheSameRowsAndColumns() throws Exception {
        final Img<DoubleType> xy = TestImages.create(new DoubleType(), false, 5, 6);
        TestImages.encodePositions(xy, "XY");
        final Img<DoubleType> yx = TestImages.create(new DoubleType(), true, 6, 5);
        TestImages.encodePositions(yx, "YX");
        final double[] a = new double[30];
        final double[] b = new double[30];
        ImgLib2ImageSource.of(xy, ImageAxis.ofLetters("XY")).readPlane(0, a);
        ImgLib2ImageSource.of(yx, ImageAxis.ofLetters("YX")).readPlane(0, b);
        assertArrayEquals(a, b);
    }

    @Test
    void aHyperSliceIsOneTimepointOfTheImage() throws Exception {
        final String letters = "XYCT";
        final Img<DoubleType> img = TestImages.create(new DoubleType(), true, TestImages.dims(letters));
        TestImages.encodePositions(img, letters);
        final ImgLib2ImageSource all = ImgLib2ImageSource.of(img, ImageAxis.ofLetters(letters));
        final ImgLib2ImageSource t1 = ImgLib2ImageSource.of(Views.hyperSlice(img, 3, 1), ImageAxis.ofLetters("XYC"));
        assertEquals("TCYX", all.axes());
        assertEquals("CYX", t1.axes());
        final int channels = t1.shape()[0];
        final double[] a = new double[5 * 6];
        final double[] b = new double[5 * 6];
        for (int c = 0; c < channels; c++) {
            all.readPlane(channels + c, a);
            t1.readPlane(c, b);
            assertArrayEquals(a, b, "channel " + c + " of timepoint 1");
        }
    }

    @Test
    void rowsOfAPlaneCanBeReadInBands() throws Exception {
        final Img<DoubleType> img = TestImages.create(new DoubleType(), false, TestImages.dims("XYZ"));
        TestImages.encodePositions(img, "XYZ");
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(Views.translate(img, 4, -2, 9),
                ImageAxis.ofLetters("XYZ"));
        final double[] plane = new double[30];
        source.readPlane(2, plane);
        final double[] band = new double[2 * 5];
        source.readRows(2, 2, 4, band);
        for (int i = 0; i < band.length; i++) {
            assertEquals(plane[2 * 5 + i], band[i]);
        }
        source.readRows(2, 1, 1, new double[0]);
    }

    @Test
    void planesAndRowsOutsideTheImageAreRefused() throws Exception {
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(ArrayImgs.floats(5, 6, 3),
                ImageAxis.ofLetters("XYZ"));
        final double[] plane = new double[30];
        assertThrows(IndexOutOfBoundsException.class, () -> source.readPlane(3, plane));
        assertThrows(IndexOutOfBoundsException.class, () -> source.readPlane(-1, plane));
        assertThrows(IllegalArgumentException.class, () -> source.readRows(0, 5, 7, plane));
        assertThrows(IllegalArgumentException.class, () -> source.readRows(0, 3, 2, plane));
        assertThrows(IllegalArgumentException.class, () -> source.readPlane(0, new double[29]));
    }

    @Test
    void aDimensionWithoutAUsableRoleIsRefusedByName() {
        final List<ImageAxis> axes = List.of(ImageAxis.of(Axis.X), ImageAxis.of(Axis.Y),
                ImageAxis.unsupported("Lifetime"));
        final InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImgLib2ImageSource.of(ArrayImgs.bytes(3, 3, 2), axes));
        assertTrue(e.getMessage().contains("'Lifetime' axis (dimension 2)"), e.getMessage());
        assertTrue(e.getMessage().contains("Set Image Metadata"), e.getMessage());
    }

    @Test
    void anAxisTwiceIsRefused() {
        final InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImgLib2ImageSource.of(ArrayImgs.bytes(3, 3, 2, 2), ImageAxis.ofLetters("XYTT")));
        assertTrue(e.getMessage().contains("two Time axes (dimensions 2 and 3)"), e.getMessage());
    }

    @Test
    void anImageWithoutXOrYIsRefusedNamingItsAxes() {
        final InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImgLib2ImageSource.of(ArrayImgs.bytes(3, 3, 2), ImageAxis.ofLetters("XZC")));
        assertTrue(e.getMessage().contains("needs X and Y axes; its axes are X, Z, Channel"), e.getMessage());
    }

    @Test
    void anEmptyDimensionIsRefused() {
        final RandomAccessibleInterval<UnsignedByteType> empty = Views.interval(ArrayImgs.unsignedBytes(4, 4),
                new long[] {0, 2}, new long[] {3, 1});
        assertThrows(InvalidInputException.class, () -> ImgLib2ImageSource.of(empty, ImageAxis.ofLetters("XY")));
    }

    @Test
    void anAxisListOfTheWrongLengthIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> ImgLib2ImageSource.of(ArrayImgs.bytes(3, 3, 2), ImageAxis.ofLetters("XY")));
    }

    @Test
    void calibrationComesFromTheAxisList() throws Exception {
        final List<ImageAxis> axes = List.of(ImageAxis.calibrated(Axis.Y, 0.25, "µm"),
                ImageAxis.calibrated(Axis.T, 30, "s"), ImageAxis.calibrated(Axis.X, 0.5, "µm"),
                ImageAxis.calibrated(Axis.Z, 2, "µm"), ImageAxis.calibrated(Axis.C, 7, "nm"));
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(ArrayImgs.bytes(3, 2, 4, 2, 2), axes);
        assertEquals(new Calibration(0.5, 0.25, 2, 30, "µm", "s"), source.calibration());
        assertSame(axes.get(1), source.imageAxes().get(1));
    }

    @Test
    void scaleOneWithoutUnitIsUncalibratedButWithAUnitItIsKept() throws Exception {
        final ImgLib2ImageSource plain = ImgLib2ImageSource.of(ArrayImgs.bytes(3, 3),
                List.of(ImageAxis.calibrated(Axis.X, 1, null), ImageAxis.calibrated(Axis.Y, 1, " ")));
        assertTrue(plain.calibration().isUnknown());
        assertEquals(Calibration.UNKNOWN, plain.calibration());
        final ImgLib2ImageSource microns = ImgLib2ImageSource.of(ArrayImgs.bytes(3, 3),
                List.of(ImageAxis.calibrated(Axis.X, 1, "µm"), ImageAxis.calibrated(Axis.Y, 1, "µm")));
        assertEquals(new Calibration(1, 1, Double.NaN, Double.NaN, "µm", null), microns.calibration());
        final ImgLib2ImageSource scaled = ImgLib2ImageSource.of(ArrayImgs.bytes(3, 3),
                List.of(ImageAxis.calibrated(Axis.X, 0.5, null), ImageAxis.of(Axis.Y)));
        assertEquals(0.5, scaled.calibration().pixelWidth());
        assertTrue(Double.isNaN(scaled.calibration().pixelHeight()));
    }

    @Test
    void theImageIsWrappedNotCopied() throws Exception {
        final Img<FloatType> img = new ArrayImgFactory<>(new FloatType()).create(2, 2);
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(img, ImageAxis.ofLetters("XY"));
        assertSame(img, source.image());
        img.firstElement().set(42);
        final double[] plane = new double[4];
        source.readPlane(0, plane);
        assertEquals(42, plane[0]);
    }
}

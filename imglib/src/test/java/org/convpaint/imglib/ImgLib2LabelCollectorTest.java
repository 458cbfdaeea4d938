package org.convpaint.imglib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convpaint.grid.DoubleArrayGrid;
import org.convpaint.grid.DoubleGrid;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.grid.IntGrid;
import org.convpaint.pipeline.Segmentation;
import org.junit.jupiter.api.Test;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/** {@link ImgLib2LabelCollector}: per-timepoint planes, label sets, output axes and minima, probabilities. */
class ImgLib2LabelCollectorTest {

    /** Labels [1, Z, H, W] of a timepoint, as the engine hands them over. */
    private static Segmentation seg(final IntGrid labels, final DoubleGrid probabilities, final String... warnings) {
        final GridShape s = labels.shape();
        return new Segmentation(s.depth() > 1 ? "ZYX" : "YX", s.depth(), s.height(), s.width(), labels,
                probabilities, List.of(warnings), Map.of());
    }

    /** Distinct per-timepoint labels: value = 100·(t+1) + 10·z + y·w + x, 0 where (x + y + z) is a multiple of 4. */
    private static int[] labels(final int t, final int depth, final int height, final int width) {
        final int[] v = new int[depth * height * width];
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    v[(z * height + y) * width + x] = (x + y + z) % 4 == 0 ? 0 : 100 * (t + 1) + 10 * z + y * width + x;
                }
            }
        }
        return v;
    }

    @Test
    void eachTimepointsLabelsGoToItsOwnPlanesInTheInputsOrderWithoutTheChannelAxis() throws Exception {
        // ImgLib2 order Y, C, T, X, Z: output dimensions Y, T, X, Z (C dropped)
        final String letters = "YCTXZ";
        final long[] dims = {4, 2, 3, 5, 2};
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(ArrayImgs.unsignedShorts(dims),
                ImageAxis.ofLetters(letters));
        final ImgLib2LabelCollector collector = new ImgLib2LabelCollector(source, false);
        assertArrayEquals(new int[] {0, 2, 3, 4}, collector.keptDimensions());
        assertEquals(4, collector.outputAxes().size());
        assertEquals(List.of(Axis.Y, Axis.T, Axis.X, Axis.Z),
                collector.outputAxes().stream().map(ImageAxis::axis).toList());
        for (int t = 0; t < 3; t++) {
            collector.accept(t, IntArrayGrid.of(labels(t, 2, 4, 5), 2, 4, 5), seg(IntArrayGrid.zeros(
                    GridShape.of(2, 4, 5)), null));
        }
        final RandomAccessibleInterval<IntType> out = collector.labelImage();
        assertArrayEquals(new long[] {4, 3, 5, 2}, Intervals.dimensionsAsLongArray(out));
        final RandomAccess<IntType> ra = out.randomAccess();
        for (int t = 0; t < 3; t++) {
            final int[] want = labels(t, 2, 4, 5);
            for (int z = 0; z < 2; z++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 5; x++) {
                        ra.setPosition(new long[] {y, t, x, z});
                        assertEquals(want[(z * 4 + y) * 5 + x], ra.get().get(), "t" + t + " z" + z + " y" + y + " x" + x);
                    }
                }
            }
        }
    }

    @Test
    void eachDistinctValueIsOneLabelSetInOrderOfFirstAppearanceAndZeroIsBackground() throws Exception {
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(ArrayImgs.bytes(3, 2, 2), ImageAxis.ofLetters("XYT"));
        final ImgLib2LabelCollector collector = new ImgLib2LabelCollector(source, false);
        collector.accept(0, IntArrayGrid.of(new int[] {0, 5, 2, 5, 5, 0}, 1, 2, 3), seg(IntArrayGrid.zeros(
                GridShape.of(1, 2, 3)), null));
        collector.accept(1, IntArrayGrid.of(new int[] {7, 2, 0, -1, 0, 0}, 1, 2, 3), seg(IntArrayGrid.zeros(
                GridShape.of(1, 2, 3)), null));
        assertEquals(4, collector.labelCount());
        assertArrayEquals(new int[] {5, 2, 7, -1}, collector.labelValues(), "uint32 bits are kept (-1 = 2^32 - 1)");
        assertEquals(List.of(Set.of(), Set.of(5), Set.of(2), Set.of(7), Set.of(-1)), collector.labelSets());
        final Img<IntType> index = collector.indexImage();
        final int[] indices = new int[12];
        final Cursor<IntType> c = Views.flatIterable(index).cursor();
        for (int i = 0; i < indices.length; i++) {
            indices[i] = c.next().get();
        }
        assertArrayEquals(new int[] {0, 1, 2, 1, 1, 0, 3, 2, 0, 4, 0, 0}, indices,
                "index image in X-fastest order: t0 row 0, t0 row 1, t1 row 0, t1 row 1");
        final Set<Integer> first = collector.labelSets().get(1);
        first.add(99);
        assertEquals(Set.of(5), collector.labelSets().get(1), "label sets are new copies");
    }

    @Test
    void aZStackIsStoredPlaneByPlaneWhereverZIs() throws Exception {
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(ArrayImgs.floats(3, 2, 4, 5),
                ImageAxis.ofLetters("ZCYX"));
        final ImgLib2LabelCollector collector = new ImgLib2LabelCollector(source, false);
        final int[] labels = labels(0, 3, 4, 5);
        collector.accept(0, IntArrayGrid.of(labels, 3, 4, 5), seg(IntArrayGrid.zeros(GridShape.of(3, 4, 5)), null));
        assertArrayEquals(labels, TestImages.engineOrder(collector.labelImage(), "ZYX", "ZYX", new int[] {3, 4, 5}));
    }

    @Test
    void theOutputKeepsTheInputsMinimumAndCalibratedAxesWithoutTheChannel() throws Exception {
        final List<ImageAxis> axes = List.of(ImageAxis.calibrated(Axis.X, 0.5, "µm"), ImageAxis.of(Axis.C),
                ImageAxis.calibrated(Axis.Y, 0.25, "µm"));
        final RandomAccessibleInterval<FloatType> moved = Views.translate(ArrayImgs.floats(3, 2, 2), 10, -4, 7);
        final ImgLib2LabelCollector collector = new ImgLib2LabelCollector(ImgLib2ImageSource.of(moved, axes), false);
        assertArrayEquals(new long[] {10, 7}, collector.outputMin());
        assertEquals(List.of(axes.get(0), axes.get(2)), collector.outputAxes());
        collector.accept(0, IntArrayGrid.of(new int[] {1, 2, 3, 4, 5, 6}, 1, 2, 3), seg(IntArrayGrid.zeros(
                GridShape.of(1, 2, 3)), null));
        final RandomAccessibleInterval<IntType> labels = collector.labelImage();
        assertArrayEquals(new long[] {10, 7}, Intervals.minAsLongArray(labels));
        final RandomAccess<IntType> ra = labels.randomAccess();
        ra.setPosition(new long[] {12, 8});
        assertEquals(6, ra.get().get());
        assertArrayEquals(new long[] {0, 0}, Intervals.minAsLongArray(collector.indexImage()),
                "the index image starts at 0; a labeling over it is placed at outputMin");
    }

    @Test
    void probabilitiesGetTheClassAxisLastPerTimepoint() throws Exception {
        final ImgLib2ImageSource source = ImgLib2ImageSource.of(ArrayImgs.bytes(3, 2, 2, 2),
                ImageAxis.ofLetters("XTCY"));
        final ImgLib2LabelCollector collector = new ImgLib2LabelCollector(source, true);
        for (int t = 0; t < 2; t++) {
            final double[] p = new double[2 * 2 * 3];
            for (int i = 0; i < p.length; i++) {
                p[i] = t + i / 100.0;
            }
            collector.accept(t, IntArrayGrid.of(new int[] {1, 1, 1, 2, 2, 2}, 1, 2, 3),
                    seg(IntArrayGrid.zeros(GridShape.of(1, 2, 3)), DoubleArrayGrid.of(p, 2, 1, 2, 3)));
        }
        final Img<FloatType> p = collector.probabilities();
        assertArrayEquals(new long[] {3, 2, 2, 2}, Intervals.dimensionsAsLongArray(p), "X, T, Y, class");
        final RandomAccess<FloatType> ra = p.randomAccess();
        ra.setPosition(new long[] {2, 1, 1, 1}); // x 2, t 1, y 1, class 1: element (1, 0, 1, 2) of timepoint 1
        assertEquals((float) (1 + (6 + 3 + 2) / 100.0), ra.get().get());
    }

    @Test
    void withoutProbabilitiesThereIsNoProbabilityImage() throws Exception {
        final ImgLib2LabelCollector collector = new ImgLib2LabelCollector(ImgLib2ImageSource.of(
                ArrayImgs.bytes(2, 2), ImageAxis.ofLetters("XY")), false);
        final double[] p = new double[4];
        collector.accept(0, IntArrayGrid.of(new int[4], 1, 2, 2), seg(IntArrayGrid.zeros(GridShape.of(1, 2, 2)),
                DoubleArrayGrid.of(p, 1, 1, 2, 2)));
        assertNull(collector.probabilities());
        assertEquals(0, collector.labelCount());
    }

    @Test
    void probabilitiesAskedForButNotComputedAreAnError() throws Exception {
        final ImgLib2LabelCollector collector = new ImgLib2LabelCollector(ImgLib2ImageSource.of(
                ArrayImgs.bytes(2, 2), ImageAxis.ofLetters("XY")), true);
        assertThrows(IllegalStateException.class, () -> collector.accept(0, IntArrayGrid.of(new int[4], 1, 2, 2),
                seg(IntArrayGrid.zeros(GridShape.of(1, 2, 2)), null)));
    }

    @Test
    void labelsOfAnotherShapeOrTimepointAreRefused() throws Exception {
        final ImgLib2LabelCollector collector = new ImgLib2LabelCollector(ImgLib2ImageSource.of(
                ArrayImgs.bytes(3, 2, 2), ImageAxis.ofLetters("XYT")), false);
        final IntGrid transposed = IntArrayGrid.zeros(GridShape.of(1, 3, 2));
        assertThrows(IllegalStateException.class, () -> collector.accept(0, transposed, seg(transposed, null)));
        final IntGrid right = IntArrayGrid.zeros(GridShape.of(1, 2, 3));
        assertThrows(IllegalStateException.class, () -> collector.accept(2, right, seg(right, null)));
        final IntGrid deep = IntArrayGrid.zeros(GridShape.of(2, 2, 3));
        assertThrows(IllegalStateException.class, () -> collector.accept(0, deep, seg(deep, null)));
    }

    @Test
    void warningsAreCollectedOnceInOrder() throws Exception {
        final ImgLib2LabelCollector collector = new ImgLib2LabelCollector(ImgLib2ImageSource.of(
                ArrayImgs.bytes(2, 2, 2), ImageAxis.ofLetters("XYT")), false);
        final IntGrid g = IntArrayGrid.zeros(GridShape.of(1, 2, 2));
        collector.accept(0, g, seg(g, null, "b", "a"));
        collector.accept(1, g, seg(g, null, "a", "c"));
        assertEquals(List.of("b", "a", "c"), List.copyOf(collector.warnings()));
        assertThrows(UnsupportedOperationException.class, () -> collector.warnings().add("d"));
    }

    @Test
    void onlyImagesOfFewerThanTwoBillionPixelsAreArrayImages() {
        assertTrue(ImgLib2LabelCollector.fitsArray(new long[] {40_000, 50_000}));
        assertFalse(ImgLib2LabelCollector.fitsArray(new long[] {50_000, 50_000}));
        assertFalse(ImgLib2LabelCollector.fitsArray(new long[] {46_341, 46_341}));
    }
}

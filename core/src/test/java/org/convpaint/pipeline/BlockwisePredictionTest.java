package org.convpaint.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.convpaint.features.FeatureExtractor;
import org.convpaint.features.WeightsLocator;
import org.convpaint.features.setup.FeatureExtractors;
import org.convpaint.grid.DoubleArrayGrid;
import org.convpaint.grid.GridScope;
import org.convpaint.grid.GridShape;
import org.convpaint.grid.IntArrayGrid;
import org.convpaint.image.PixelData;
import org.convpaint.image.Volume;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.model.ConvpaintModel;
import org.convpaint.model.ConvpaintParams;
import org.convpaint.model.ModelLoader;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.TiffPlanes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks computed by separate planners (as separate processes would), in shuffled order, with the normalisation
 * shipped through Java serialisation, give exactly the labels of the one-machine {@link Segmenter}.
 */
class BlockwisePredictionTest {
    private static final int PROCESSES = 3;

    @TempDir
    Path scratch;

    @Test
    void gaussianDownsampledWithSmoothingEqualsOneMachine() throws Exception {
        check("m01_gauss_gray3", "images/g_u16_301x257.tif", 2, 3, 40);
    }

    @Test
    void multiScaleFeaturesNeedTheBoundsPassAndEqualOneMachine() throws Exception {
        check("m03_gauss_ms_o1_norm1", "images/g_u8_301x257.tif", 3, 1, 32);
    }

    @Test
    void aStackWithoutDownsamplingEqualsOneMachine() throws Exception {
        check("m01_gauss_gray3", "images/zyx_u16_12x96x96.tif", 1, 2, 40);
    }

    @Test
    void vggBlocksEqualOneMachine() throws Exception {
        check("m04_vggm_min_o1_norm3", "images/big_u16_2048x2048.tif", 4, 1, 128);
    }

    @Test
    void dinoPlanesUnpatchedByBandsEqualOneMachine() throws Exception {
        checkPatched("m12_dinov2_gray3", "images/g_u16_301x257.tif", 2, 3);
        checkPatched("m12_dinov2_gray3", "images/zyx_u16_12x96x96.tif", 1, 1);
    }

    @Test
    void dinov3PlanesUnpatchedByBandsEqualOneMachine() throws Exception {
        checkPatched("m16_dinov3_gray3", "images/g_u16_301x257.tif", 2, 3);
        checkPatched("m16_dinov3_gray3", "images/zyx_u16_12x96x96.tif", 1, 1);
    }

    private static WeightsLocator weights(Path root, String model) {
        List<Path> files = new ArrayList<>();
        Path vgg = root.resolve("models/" + model + "_vgg16_features.pth");
        if (vgg.toFile().isFile()) {
            files.add(vgg);
        }
        if (model.contains("dino")) { // each file is matched to the network by its tensor names
            files.add(root.resolve("models/dinov2_vits14_reg_random.pth"));
            files.add(root.resolve("models/vit_small_plus_patch16_dinov3_lvd1689m_random.safetensors"));
        }
        return new WeightsLocator(files, Map.of(), Path.of("/nonexistent-home"));
    }

    private static Volume read(Path file) throws Exception {
        try (TiffReader r = TiffReader.open(file)) {
            PixelData d = PixelData.of(TiffPlanes.all(r), r.pixelType());
            return r.planeCount() == 1 ? new Volume("YX", new int[] {r.height(), r.width()}, d)
                    : new Volume("ZYX", new int[] {r.planeCount(), r.height(), r.width()}, d);
        }
    }

    private static ConvpaintModel withSettings(ConvpaintModel m, int downsample, int smoothing) {
        ConvpaintParams p = m.params().withImageDownsample(downsample);
        return m.withParams(new ConvpaintParams(p.classifier(), p.channelMode(), p.normalize(), downsample,
                smoothing, p.tileAnnotations(), p.tileImage(), p.useDask(), p.unpatchOrder(), p.featureExtractor(),
                p.layers(), p.scalings(), p.order(), p.useMinFeatures(), p.feUseGpu(), p.clfIterations(),
                p.clfLearningRate(), p.clfDepth(), p.clfUseGpu()));
    }

    @SuppressWarnings("unchecked")
    private static <T> T shipped(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    private void check(String model, String image, int downsample, int smoothing, int blockSide) throws Exception {
        Path root = Fixtures.root();
        Volume volume = read(root.resolve(image));
        try (ConvpaintModel loaded = ModelLoader.load(root.resolve("models/" + model + ".pkl"));
                FeatureExtractor fe = FeatureExtractors.create(loaded, weights(root, model), true, w -> { })) {
            ConvpaintModel m = withSettings(loaded, downsample, smoothing);
            int[] expected = oneMachine(m, fe, volume);
            List<BlockwisePrediction> processes = planners(m, fe, volume, blockSide);
            BlockwisePrediction first = processes.get(0);
            assertTrue(first.blockCount() > PROCESSES, first.blockCount() + " blocks");
            double[][][] bounds = null;
            if (first.featureBoundsTiles() > 0) {
                List<double[][][]> parts = new ArrayList<>();
                for (int i = 0; i < PROCESSES; i++) {
                    parts.add(shipped(processes.get(i).featureBounds(every(first.featureBoundsTiles(), i))));
                }
                bounds = BlockwisePrediction.mergeFeatureBounds(parts);
            }
            GridShape gs = first.probabilityShape();
            DoubleArrayGrid grid = DoubleArrayGrid.zeros(gs);
            IntArrayGrid labels = IntArrayGrid.zeros(first.labelShape());
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            List<Integer> order = new ArrayList<>();
            for (int b = 0; b < first.blockCount(); b++) {
                order.add(b);
            }
            Collections.shuffle(order, new Random(7));
            for (int i = 0; i < order.size(); i++) {
                int b = order.get(i);
                BlockwisePrediction p = processes.get(i % PROCESSES);
                BlockwisePrediction.Block blk = p.block(b);
                double[] pr = p.predictBlock(b, bounds);
                double[] r = BlockwisePrediction.range(pr);
                lo = Math.min(lo, r[0]);
                hi = Math.max(hi, r[1]);
                int w = blk.x1() - blk.x0();
                int[] l = p.argmax(pr, blk.pixels());
                if (!p.resizes()) {
                    assertArrayEquals(l, p.predictBlockLabels(b, bounds), "labels of block " + b);
                }
                for (int y = blk.y0(); y < blk.y1(); y++) {
                    for (int c = 0; c < gs.channels(); c++) {
                        grid.write(gs.index(c, blk.z(), y, blk.x0(), w), pr, (c * (blk.y1() - blk.y0()) + y
                                - blk.y0()) * w, w);
                    }
                    if (!p.resizes()) {
                        labels.write(labels.shape().index(0, blk.z(), y, blk.x0(), w), l, (y - blk.y0()) * w, w);
                    }
                }
            }
            int height = first.labelShape().height();
            int band = 17;
            if (first.resizes()) {
                for (int y0 = 0, i = 0; y0 < height; y0 += band, i++) {
                    processes.get(i % PROCESSES).restoreRows(grid, new double[] {lo, hi}, labels, y0,
                            Math.min(height, y0 + band));
                }
            }
            IntArrayGrid smoothed = IntArrayGrid.zeros(first.labelShape());
            for (int y0 = 0, i = 0; y0 < height; y0 += band, i++) {
                processes.get((i + 1) % PROCESSES).smoothRows(labels, smoothed, y0, Math.min(height, y0 + band));
            }
            assertEquals(expected.length, smoothed.array().length);
            assertArrayEquals(expected, smoothed.array(), model + " on " + image);
        }
    }

    /**
     * A patched extractor's planes computed by separate planners, unpatched band by band with the merged range,
     * then restored (or argmax'ed) and smoothed by bands: the one-machine labels.
     */
    private void checkPatched(String model, String image, int downsample, int smoothing) throws Exception {
        Path root = Fixtures.root();
        Volume volume = read(root.resolve(image));
        try (ConvpaintModel loaded = ModelLoader.load(root.resolve("models/" + model + ".pkl"));
                FeatureExtractor fe = FeatureExtractors.create(loaded, weights(root, model), true, w -> { })) {
            ConvpaintModel m = withSettings(loaded, downsample, smoothing);
            int[] expected = oneMachine(m, fe, volume);
            List<BlockwisePrediction> processes = planners(m, fe, volume, 28);
            BlockwisePrediction first = processes.get(0);
            assertTrue(first.patched());
            GridShape patches = first.patchGridShape();
            DoubleArrayGrid patchGrid = DoubleArrayGrid.zeros(patches);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int planeSize = patches.height() * patches.width();
            for (int z = patches.depth() - 1; z >= 0; z--) {
                double[] pr = processes.get(z % PROCESSES).predictPatchPlane(z);
                double[] r = BlockwisePrediction.range(pr);
                lo = Math.min(lo, r[0]);
                hi = Math.max(hi, r[1]);
                for (int c = 0; c < patches.channels(); c++) {
                    patchGrid.write(patches.index(c, z, 0, 0, planeSize), pr, c * planeSize, planeSize);
                }
            }
            GridShape gs = first.probabilityShape();
            DoubleArrayGrid grid = DoubleArrayGrid.zeros(gs);
            double glo = Double.POSITIVE_INFINITY;
            double ghi = Double.NEGATIVE_INFINITY;
            int band = first.blockSide();
            for (int y0 = 0, i = 0; y0 < gs.height(); y0 += band, i++) {
                int y1 = Math.min(gs.height(), y0 + band);
                double[] rows = processes.get(i % PROCESSES).unpatchRows(patchGrid, new double[] {lo, hi}, y0, y1);
                double[] r = BlockwisePrediction.range(rows);
                glo = Math.min(glo, r[0]);
                ghi = Math.max(ghi, r[1]);
                int n = (y1 - y0) * gs.width();
                for (int q = 0; q < gs.channels() * gs.depth(); q++) {
                    grid.write(gs.index(q / gs.depth(), q % gs.depth(), y0, 0, n), rows, q * n, n);
                }
            }
            IntArrayGrid labels = IntArrayGrid.zeros(first.labelShape());
            int height = first.labelShape().height();
            if (first.resizes()) {
                for (int y0 = 0, i = 0; y0 < height; y0 += 17, i++) {
                    processes.get(i % PROCESSES).restoreRows(grid, new double[] {glo, ghi}, labels, y0,
                            Math.min(height, y0 + 17));
                }
            } else {
                int n = gs.height() * gs.width();
                for (int z = 0; z < gs.depth(); z++) {
                    double[] plane = new double[gs.channels() * n];
                    for (int c = 0; c < gs.channels(); c++) {
                        grid.read(gs.index(c, z, 0, 0, n), plane, c * n, n);
                    }
                    labels.write((long) z * n, first.argmax(plane, n), 0, n);
                }
            }
            IntArrayGrid smoothed = IntArrayGrid.zeros(first.labelShape());
            for (int y0 = 0, i = 0; y0 < height; y0 += 17, i++) {
                processes.get(i % PROCESSES).smoothRows(labels, smoothed, y0, Math.min(height, y0 + 17));
            }
            assertArrayEquals(expected, smoothed.array(), model + " on " + image);
        }
    }

    /** The labels {@link Segmenter} gives for the whole timepoint. */
    private int[] oneMachine(ConvpaintModel m, FeatureExtractor fe, Volume volume) throws Exception {
        try (GridScope scope = new GridScope(scratch)) {
            return new Segmenter(m, fe).segment(volume, false, scope, ProgressMonitor.NONE).labels().toArray()
                    .clone();
        }
    }

    /** {@code PROCESSES} planners of the timepoint, each given the normalisation through Java serialisation. */
    private static List<BlockwisePrediction> planners(ConvpaintModel m, FeatureExtractor fe, Volume volume,
            int blockSide) throws Exception {
        Normalization norm = shipped(BlockwisePrediction.normalization(m, fe, volume));
        List<BlockwisePrediction> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            processes.add(BlockwisePrediction.plan(m, List.of(fe), null, volume, shipped(norm), blockSide));
        }
        return processes;
    }

    /** Every {@code PROCESSES}-th index from {@code i} below {@code n}. */
    private static int[] every(int n, int i) {
        List<Integer> out = new ArrayList<>();
        for (int t = i; t < n; t += PROCESSES) {
            out.add(t);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}

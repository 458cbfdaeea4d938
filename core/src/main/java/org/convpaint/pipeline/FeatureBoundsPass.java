package org.convpaint.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.convpaint.ConvpaintException;
import org.convpaint.features.FeatureExtractor;
import org.convpaint.image.ImageStack;

/**
 * The pre-pass that makes tiled numpy resizes exact: skimage clips a resized block to the [min, max] of the whole
 * block, so for each scale above 1 the extractor runs over tiles covering the entire padded grid (padding
 * included) and the bounds of every feature block are gathered from the tiles' interiors.
 */
final class FeatureBoundsPass {
    private FeatureBoundsPass() {
    }

    /** @return {@code bounds[scaleIndex][block] = {min, max}}; null for scale 1 (never resized) */
    static double[][][] run(TiledPrediction.Job job, int side, int halo, int align) throws ConvpaintException {
        int[] all = new int[count(job, side, halo, align)];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return partial(job, side, halo, align, all);
    }

    private static TilePlan plan(PaddedView v, int side, int halo, int align) {
        return TilePlan.cover(0, v.paddedHeight(), 0, v.paddedWidth(), v.paddedHeight(), v.paddedWidth(), side,
                halo, align);
    }

    /** The number of pass tiles (planes × tiles of the padded grid); {@link #partial} takes any subset of them. */
    static int count(TiledPrediction.Job job, int side, int halo, int align) {
        PaddedView v = job.view();
        return v.depth() * plan(v, side, halo, align).tiles().size();
    }

    /**
     * The bounds over the pass tiles {@code tiles} only (indices below {@link #count}: plane × tiles + tile);
     * {@link #merge(List)} of the partial bounds of subsets covering every tile equals {@link #run}.
     */
    static double[][][] partial(TiledPrediction.Job job, int side, int halo, int align, int[] tiles)
            throws ConvpaintException {
        PaddedView v = job.view();
        List<Integer> scalings = job.params().scalings();
        List<TilePlan.Tile> plan = plan(v, side, halo, align).tiles();
        if (tiles.length == 0) {
            throw new IllegalArgumentException("no tiles to take the feature bounds of");
        }
        double[][][] bounds = new double[scalings.size()][][];
        for (int si = 0; si < scalings.size(); si++) {
            int s = scalings.get(si);
            if (s == 1) {
                continue;
            }
            List<double[][]> parts = new ArrayList<>();
            List<Runnable> tasks = new ArrayList<>();
            for (int index : tiles) {
                int plane = index / plan.size();
                TilePlan.Tile t = plan.get(index % plan.size());
                tasks.add(() -> {
                    FeatureExtractor fe = TiledPrediction.take(job.extractors());
                    try {
                        ImageStack w = v.window(plane, t.wy0(), t.wy1(), t.wx0(), t.wx1());
                        double[][] b = FeaturePyramid.coarseBounds(w, fe, s, job.mode(), t.y0() - t.wy0(),
                                t.y1() - t.wy0(), t.x0() - t.wx0(), t.x1() - t.wx0(),
                                new int[] {v.depth(), v.paddedHeight(), v.paddedWidth()});
                        synchronized (parts) {
                            parts.add(b);
                        }
                    } catch (ConvpaintException e) {
                        throw new TileFailure(e);
                    } finally {
                        job.extractors().add(fe);
                    }
                });
            }
            TiledPrediction.runAll(job, tasks, ProgressMonitor.NONE);
            bounds[si] = mergeScale(parts);
        }
        return bounds;
    }

    /** Merges partial bounds ({@link #partial}) of disjoint tile subsets: min of the minima, max of the maxima. */
    static double[][][] merge(List<double[][][]> partials) {
        double[][][] out = new double[partials.get(0).length][][];
        for (int si = 0; si < out.length; si++) {
            if (partials.get(0)[si] == null) {
                continue;
            }
            List<double[][]> parts = new ArrayList<>();
            for (double[][][] p : partials) {
                parts.add(p[si]);
            }
            out[si] = mergeScale(parts);
        }
        return out;
    }

    private static double[][] mergeScale(List<double[][]> parts) {
        double[][] out = new double[parts.get(0).length][];
        for (int b = 0; b < out.length; b++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[][] p : parts) {
                if (Double.isNaN(p[b][0])) {
                    lo = Double.NaN;
                    hi = Double.NaN;
                    break;
                }
                lo = Math.min(lo, p[b][0]);
                hi = Math.max(hi, p[b][1]);
            }
            out[b] = new double[] {lo, hi};
        }
        return out;
    }
}

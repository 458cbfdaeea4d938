package org.convpaint.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Seam-free tiles over the image part of the padded grid. Each tile has an interior (pixels it is responsible
 * for) and a window (interior plus a halo, clipped to the padded grid) from which its features are computed.
 * Interior starts, tile sizes and halos are multiples of the alignment {@code lcm(scalings)·patch}, so every
 * window sits on the same block-mean and pooling grid as the whole image; the halo covers the extractor's
 * receptive field and the interpolation back to full resolution at every scale. Immutable.
 */
public final class TilePlan {
    /**
     * One tile, in padded-grid coordinates.
     *
     * @param y0  interior first row
     * @param y1  interior end row (exclusive)
     * @param x0  interior first column
     * @param x1  interior end column (exclusive)
     * @param wy0 window first row
     * @param wy1 window end row
     * @param wx0 window first column
     * @param wx1 window end column
     */
    public record Tile(int y0, int y1, int x0, int x1, int wy0, int wy1, int wx0, int wx1) {
        public int windowHeight() {
            return wy1 - wy0;
        }

        public int windowWidth() {
            return wx1 - wx0;
        }
    }

    private final List<Tile> tiles;

    private TilePlan(List<Tile> tiles) {
        this.tiles = List.copyOf(tiles);
    }

    /**
     * @param region0y first row of the region to cover (aligned)
     * @param region1y end row of the region
     * @param region0x first column (aligned)
     * @param region1x end column
     * @param paddedH  padded grid height (a multiple of {@code align})
     * @param paddedW  padded grid width
     * @param tile     interior size (rounded up to a multiple of {@code align})
     * @param halo     halo (a multiple of {@code align})
     */
    public static TilePlan cover(int region0y, int region1y, int region0x, int region1x, int paddedH, int paddedW,
            int tile, int halo, int align) {
        int t = Math.max(align, Padding.alignUp(tile, align));
        List<Tile> out = new ArrayList<>();
        for (int y = region0y; y < region1y; y += t) {
            int y1 = Math.min(region1y, y + t);
            for (int x = region0x; x < region1x; x += t) {
                int x1 = Math.min(region1x, x + t);
                out.add(new Tile(y, y1, x, x1, Math.max(0, y - halo),
                        Math.min(paddedH, Padding.alignUp(y1 + halo, align)), Math.max(0, x - halo),
                        Math.min(paddedW, Padding.alignUp(x1 + halo, align))));
            }
        }
        return new TilePlan(out);
    }

    /** A single tile whose window is the whole padded grid. */
    public static TilePlan whole(int region0y, int region1y, int region0x, int region1x, int paddedH,
            int paddedW) {
        return new TilePlan(List.of(new Tile(region0y, region1y, region0x, region1x, 0, paddedH, 0, paddedW)));
    }

    public List<Tile> tiles() {
        return tiles;
    }

    /** The halo a feature extractor needs at these scalings: receptive field plus interpolation, per scale. */
    public static int halo(int fePadding, int fePatch, List<Integer> scalings, int align) {
        int h = 0;
        for (int s : scalings) {
            h = Math.max(h, (fePadding + 2 * fePatch + 1) * s);
        }
        return Padding.alignUp(h, align);
    }
}

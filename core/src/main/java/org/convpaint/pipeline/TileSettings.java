package org.convpaint.pipeline;

/**
 * How large the tiles of the tiled prediction are (what goes to disk is the {@link StoragePolicy}'s). Immutable.
 *
 * @param tileSize     interior side in pixels of the padded grid; 0 = choose from the memory budget
 * @param memoryBudget bytes the tiles of all workers may use together; 0 = half of the JVM's maximum heap left
 *                     after the whole-image arrays
 */
public record TileSettings(int tileSize, long memoryBudget) {
    /** Smallest automatic tile budget, whatever the heap left (tiles then shrink to their minimum). */
    private static final long MIN_AUTOMATIC_BUDGET = 64L << 20;

    public TileSettings {
        if (tileSize < 0 || memoryBudget < 0) {
            throw new IllegalArgumentException("tile size and memory budget must be >= 0");
        }
    }

    /** Automatic tiles within half the heap. */
    public static TileSettings automatic() {
        return new TileSettings(0, 0);
    }

    /** One tile per image (the whole image at once). */
    public static TileSettings untiled() {
        return new TileSettings(Integer.MAX_VALUE / 4, 0);
    }

    /**
     * The interior side for windows whose pixels each cost {@code bytesPerPixel}, with {@code workers} windows
     * alive at once and {@code halo} extra pixels on each side. The automatic budget is half of the heap left
     * after {@code reservedBytes} (the whole-image arrays: input, labels, probabilities).
     */
    public int interiorSide(long bytesPerPixel, int workers, int halo, int align, long reservedBytes) {
        if (tileSize > 0) {
            return Math.max(align, tileSize);
        }
        long budget = memoryBudget > 0 ? memoryBudget
                : Math.max(MIN_AUTOMATIC_BUDGET, (Runtime.getRuntime().maxMemory() - reservedBytes) / 2);
        double window = Math.sqrt((double) budget / Math.max(1, workers) / Math.max(1, bytesPerPixel));
        int side = (int) Math.min(4096, window) - 2 * halo;
        return Math.max(align, Math.max(64, side) / align * align);
    }
}

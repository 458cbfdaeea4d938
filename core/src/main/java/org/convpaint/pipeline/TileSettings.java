package org.convpaint.pipeline;

/**
 * How large the tiles of the tiled prediction are, and when whole-image intermediates stay out of the heap.
 * Immutable.
 *
 * @param tileSize     interior side in pixels of the padded grid; 0 = choose from the memory budget
 * @param memoryBudget bytes the tiles of all workers may use together; 0 = half of the JVM's maximum heap left
 *                     after the whole-image arrays
 * @param spillAbove   whole-image intermediates larger than this many bytes stay out of the heap: a timepoint's
 *                     pixels are then read from their source in bands of rows, and the class probabilities of a
 *                     downsampled grid (when only labels are wanted) go to a scratch file; 0 = a quarter of the
 *                     JVM's maximum heap
 * @param scratch      folder for scratch files, or null for the system temp folder ({@code java.io.tmpdir})
 */
public record TileSettings(int tileSize, long memoryBudget, long spillAbove, java.nio.file.Path scratch) {
    /** Smallest automatic tile budget, whatever the heap left (tiles then shrink to their minimum). */
    private static final long MIN_AUTOMATIC_BUDGET = 64L << 20;

    public TileSettings {
        if (tileSize < 0 || memoryBudget < 0 || spillAbove < 0) {
            throw new IllegalArgumentException("tile size, memory budget and spill size must be >= 0");
        }
    }

    /** Tiles as given, with the automatic spill size, scratch files in the system temp folder. */
    public TileSettings(int tileSize, long memoryBudget) {
        this(tileSize, memoryBudget, 0, null);
    }

    /** The folder scratch files go to. */
    public java.nio.file.Path scratchFolder() {
        return scratch != null ? scratch : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Whether an intermediate of {@code bytes} stays out of the heap (see {@code spillAbove}). */
    public boolean spills(long bytes) {
        long limit = spillAbove > 0 ? spillAbove : Runtime.getRuntime().maxMemory() / 4;
        return bytes > limit;
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

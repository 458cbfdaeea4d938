package org.convpaint.pipeline;

import java.nio.file.Path;

import org.convpaint.image.PixelData;
import org.convpaint.image.PixelType;

/**
 * What of a timepoint stays in the heap and what goes to disk: every byte estimate of a whole-image intermediate
 * is made here, against one threshold, and scratch files go to one folder. Volumes derived from another (smoothed
 * or instance labels) follow where their source is ({@link org.convpaint.grid.GridScope#sibling}). Immutable.
 *
 * @param spillAbove whole-image intermediates larger than this many bytes stay out of the heap: a timepoint's
 *                   pixels are then read from their source in bands of rows, and the class probabilities of a
 *                   downsampled grid (when only labels are wanted) and the labels go to scratch files; 0 = a
 *                   quarter of the JVM's maximum heap
 * @param scratch    folder for scratch files, or null for the system temp folder ({@code java.io.tmpdir})
 */
public record StoragePolicy(long spillAbove, Path scratch) {
    /** Bytes of the pixels read ahead when a timepoint's pixels stay in their file: at least this much. */
    private static final long MIN_PIXEL_CACHE = 64L << 20;

    public StoragePolicy {
        if (spillAbove < 0) {
            throw new IllegalArgumentException("the spill size must be >= 0");
        }
    }

    /** A quarter of the heap, scratch files in the system temp folder. */
    public static StoragePolicy automatic() {
        return new StoragePolicy(0, null);
    }

    /** The folder scratch files go to. */
    public Path scratchFolder() {
        return scratch != null ? scratch : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private boolean spills(long bytes) {
        long limit = spillAbove > 0 ? spillAbove : Runtime.getRuntime().maxMemory() / 4;
        return bytes > limit;
    }

    /**
     * How many bytes of a timepoint's pixels ({@code values} values of {@code type}, in their own width) to cache
     * when they stay in their file and are read in bands of rows as tiles need them; 0 when they fit the heap and
     * are read whole.
     */
    public long pixelCacheBytes(long values, PixelType type) {
        return spills(values * PixelData.storageBytes(type))
                ? Math.max(MIN_PIXEL_CACHE, Runtime.getRuntime().maxMemory() / 16) : 0;
    }

    /** Whether labels of {@code pixels} pixels (4 bytes each) go to a scratch file. */
    public boolean labelsOnDisk(long pixels) {
        return spills(4L * pixels);
    }

    /** Whether the class probabilities of a downsampled grid (8 bytes per class and grid pixel) go to disk. */
    public boolean gridOnDisk(int classes, long gridPixels) {
        return spills(8L * classes * gridPixels);
    }
}

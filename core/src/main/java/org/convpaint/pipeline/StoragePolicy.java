package org.convpaint.pipeline;

import java.nio.file.Path;

import org.convpaint.image.PixelData;
import org.convpaint.image.PixelType;

/**
 * What of a timepoint stays in the heap and what goes to disk: every byte estimate of a whole-image intermediate
 * is made here, against the one threshold of {@link TileSettings#spills(long)}, and scratch files go to the one
 * folder {@link #scratchFolder()}. Volumes derived from another (smoothed or instance labels) follow where their
 * source is ({@link org.convpaint.image.LabelVolume#sibling}). Immutable.
 */
public final class StoragePolicy {
    /** Bytes of the pixels read ahead when a timepoint's pixels stay in their file: at least this much. */
    private static final long MIN_PIXEL_CACHE = 64L << 20;

    private final TileSettings tiles;

    private StoragePolicy(TileSettings tiles) {
        this.tiles = tiles;
    }

    public static StoragePolicy of(TileSettings tiles) {
        return new StoragePolicy(tiles);
    }

    /** The folder scratch files go to. */
    public Path scratchFolder() {
        return tiles.scratchFolder();
    }

    /**
     * How many bytes of a timepoint's pixels ({@code values} values of {@code type}, in their own width) to cache
     * when they stay in their file and are read in bands of rows as tiles need them; 0 when they fit the heap and
     * are read whole.
     */
    public long pixelCacheBytes(long values, PixelType type) {
        return tiles.spills(values * PixelData.storageBytes(type))
                ? Math.max(MIN_PIXEL_CACHE, Runtime.getRuntime().maxMemory() / 16) : 0;
    }

    /** Whether labels of {@code pixels} pixels (4 bytes each) go to a scratch file. */
    public boolean labelsOnDisk(long pixels) {
        return tiles.spills(4L * pixels);
    }

    /** Whether the class probabilities of a downsampled grid (8 bytes per class and grid pixel) go to disk. */
    public boolean gridOnDisk(int classes, long gridPixels) {
        return tiles.spills(8L * classes * gridPixels);
    }
}

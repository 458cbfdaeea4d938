package org.convpaint.io.ngff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import com.google.gson.JsonObject;

import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.convpaint.image.ImageSource;
import org.convpaint.io.zarr.ZarrArray;
import org.convpaint.io.zarr.ZarrFormat;
import org.convpaint.io.zarr.ZarrGroups;

/**
 * An opened OME-Zarr image (one resolution level of an NGFF image group) or a plain Zarr array, before its axes
 * are decided: the stored shape, the axes its metadata names (none for a plain array), the calibration and the
 * array's chunking. {@link #source(String)} gives it as an {@link ImageSource}. Holds no open files. Immutable.
 */
public final class OmeZarrImage {
    /** Decoded chunks kept at least, so that reading a chunk's rows in bands decodes it once. */
    private static final long MIN_CACHE = 32L << 20;

    private final Path store;
    private final ZarrArray array;
    private final Multiscales multiscales;
    private final int level;
    private final int[] shape;

    private OmeZarrImage(Path store, ZarrArray array, Multiscales multiscales, int level, int[] shape) {
        this.store = store;
        this.array = array;
        this.multiscales = multiscales;
        this.level = level;
        this.shape = shape;
    }

    /** True if {@code path} is a folder holding a Zarr node (v2 or v3 metadata). */
    public static boolean isZarr(Path path) {
        return Files.isDirectory(path) && ZarrGroups.formatOf(path).isPresent();
    }

    /**
     * Opens level {@code level} of the image in {@code store} (an NGFF image group), or the array {@code store}
     * itself when it is a plain Zarr array (then only level 0 exists).
     *
     * @throws InvalidInputException naming the store: not Zarr, not an image, no such level, invalid metadata,
     *                               an array the Zarr layer cannot read, a shape too large for the engine
     */
    public static OmeZarrImage open(Path store, int level) throws InvalidInputException {
        Optional<ZarrFormat> format = ZarrGroups.formatOf(store);
        if (!Files.isDirectory(store) || format.isEmpty()) {
            throw new InvalidInputException(Files.exists(store)
                    ? "not a Zarr store (no .zgroup, .zattrs, .zarray or zarr.json)" : "file not found", store);
        }
        if (level < 0) {
            throw new InvalidInputException("resolution level " + level + " does not exist", store);
        }
        Multiscales ms = null;
        Path arrayDir = store;
        if (!ZarrGroups.isArray(store)) {
            JsonObject attrs = ZarrGroups.attributes(store);
            ms = Multiscales.parse(attrs, store);
            if (level >= ms.levelCount()) {
                throw new InvalidInputException("resolution level " + level + " does not exist; the image has "
                        + ms.levelCount() + " (0.." + (ms.levelCount() - 1) + ")", store);
            }
            arrayDir = store.resolve(ms.level(level).path());
        } else if (level > 0) {
            throw new InvalidInputException("resolution level " + level + " does not exist: this is a plain Zarr "
                    + "array with one level", store);
        }
        ZarrArray probe = ZarrArray.open(arrayDir, 0);
        long[] s = probe.shape();
        if (ms != null && s.length != ms.axes().length()) {
            throw new InvalidInputException("array " + ms.level(level).path() + " has " + s.length
                    + " dimensions but the metadata names " + ms.axes().length() + " axes", store);
        }
        if (s.length < 2) {
            throw new InvalidInputException("array of " + s.length + " dimension(s): an image needs Y and X", store);
        }
        int[] shape = new int[s.length];
        long planes = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 1 || s[i] > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException("array shape " + Arrays.toString(s) + " is empty or too large", store);
            }
            shape[i] = (int) s[i];
            planes *= i < s.length - 2 ? s[i] : 1;
        }
        if (planes > Integer.MAX_VALUE) {
            throw new InvalidInputException("array shape " + Arrays.toString(s) + " has too many planes", store);
        }
        ZarrArray array = probe.withCache(cacheBytes(probe));
        return new OmeZarrImage(store, array, ms, level, shape);
    }

    /**
     * Room for one row of chunks across the plane and one more (at least {@link #MIN_CACHE}, at most a sixth of
     * the heap): bands of rows are read top to bottom, so each chunk is decoded once per pass rather than once per
     * band. (Two rows of chunks avoid more re-decoding where tiles straddle a chunk row, but in a small heap the
     * extra collection work costs more than it saves: 10 000² VGG16 in 400 MB, 61 s against 48 s.)
     */
    private static long cacheBytes(ZarrArray a) {
        int[] c = a.chunks();
        long[] s = a.shape();
        long chunkBytes = (long) a.dataType().bytes();
        for (int v : c) {
            chunkBytes *= v;
        }
        long across = (s[s.length - 1] + c[c.length - 1] - 1) / c[c.length - 1];
        long want = Math.max(MIN_CACHE, (across + 1) * chunkBytes);
        return Math.min(want, Math.max(MIN_CACHE, Runtime.getRuntime().maxMemory() / 6));
    }

    public Path store() {
        return store;
    }

    /** Zarr version of the level's array. */
    public ZarrFormat format() {
        return array.format();
    }

    /** The multiscales metadata, or empty for a plain array. */
    public Optional<Multiscales> multiscales() {
        return Optional.ofNullable(multiscales);
    }

    public int level() {
        return level;
    }

    /** Stored shape (C order). */
    public int[] shape() {
        return shape.clone();
    }

    /** Axes letters the NGFF metadata gives, or null for a plain array. */
    public String metadataAxes() {
        return multiscales == null ? null : multiscales.axes();
    }

    public Calibration calibration() {
        return multiscales == null ? Calibration.UNKNOWN : multiscales.calibration(level);
    }

    /** Chunk height and width of the array. */
    public int[] planeChunks() {
        int[] c = array.chunks();
        return new int[] {c[c.length - 2], c[c.length - 1]};
    }

    /**
     * This image with decided axes.
     *
     * @param axes one letter per stored dimension (T, Z, C, Y, X; ending in YX)
     * @throws InvalidInputException if {@code axes} does not have one letter per dimension
     */
    public ImageSource source(String axes) throws InvalidInputException {
        if (axes.length() != shape.length || !axes.endsWith("YX")) {
            throw new InvalidInputException("axes " + axes + " do not fit the array's shape "
                    + Arrays.toString(shape) + " (a Zarr array is not reshaped: give one letter per dimension)",
                    store);
        }
        return new OmeZarrSource(array, axes, shape, calibration());
    }
}

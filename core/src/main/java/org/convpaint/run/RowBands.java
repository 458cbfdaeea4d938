package org.convpaint.run;

import java.util.LinkedHashMap;
import java.util.Map;

import org.convpaint.ConvpaintException;
import org.convpaint.image.ImageSource;
import org.convpaint.image.PixelData;
import org.convpaint.image.PixelType;

/**
 * The planes of one timepoint left in their {@link ImageSource} and read in bands of rows when the pipeline
 * reads them, with the most recently used bands kept in memory in the pixel type's own width. Value {@code i} is
 * pixel {@code i % planeSize} of the {@code i / planeSize}-th plane of {@code planes}. Thread-safe (bands are
 * loaded one at a time; the source is only read under the lock).
 */
final class RowBands implements PixelData.OnDemand {
    private final ImageSource image;
    private final int[] planes;
    private final PixelType type;
    private final int height;
    private final int width;
    private final int bandRows;
    private final int capacity;
    private final Map<Long, PixelData> cache = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param planes     source plane indices, in the order they appear in the values
     * @param cacheBytes memory the cached bands may take (at least 8 bands are kept)
     */
    RowBands(ImageSource image, int[] planes, PixelType type, int height, int width, long cacheBytes) {
        this.image = image;
        this.planes = planes.clone();
        this.type = type;
        this.height = height;
        this.width = width;
        this.bandRows = Math.max(1, Math.min(Math.min(256, height), (1 << 20) / width));
        long bandBytes = (long) bandRows * width * PixelData.storageBytes(type);
        this.capacity = (int) Math.max(8, Math.min(1 << 16, cacheBytes / bandBytes));
    }

    @Override
    public long residentBytes() {
        return (long) capacity * bandRows * width * PixelData.storageBytes(type);
    }

    @Override
    public void copy(int from, double[] dst, int off, int len) {
        int planeSize = height * width;
        while (len > 0) {
            int slot = from / planeSize;
            int within = from % planeSize;
            int band = within / width / bandRows;
            int bandStart = band * bandRows * width;
            int bandEnd = Math.min(planeSize, bandStart + bandRows * width);
            int n = Math.min(len, bandEnd - within);
            band(slot, band).copy(within - bandStart, dst, off, n);
            from += n;
            off += n;
            len -= n;
        }
    }

    private PixelData band(int slot, int band) {
        long key = (long) slot * (height / bandRows + 1) + band;
        synchronized (cache) {
            PixelData d = cache.get(key);
            if (d == null) {
                int y0 = band * bandRows;
                int y1 = Math.min(height, y0 + bandRows);
                double[] rows = new double[(y1 - y0) * width];
                try {
                    image.readRows(planes[slot], y0, y1, rows);
                } catch (ConvpaintException e) {
                    throw new PixelData.ReadFailure(e);
                }
                d = PixelData.allocate(rows.length, type);
                d.set(0, rows, 0, rows.length);
                cache.put(key, d);
                if (cache.size() > capacity) {
                    Long eldest = cache.keySet().iterator().next();
                    cache.remove(eldest);
                }
            }
            return d;
        }
    }
}

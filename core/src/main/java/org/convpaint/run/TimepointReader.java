package org.convpaint.run;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.image.ImageSource;
import org.convpaint.image.PixelData;
import org.convpaint.image.Volume;
import org.convpaint.model.ChannelMode;

/**
 * Cuts an image into the per-timepoint volumes the segmenter takes ([C, Z, Y, X] subsets), selecting channels:
 * a single-channel model on a multi-channel image needs one chosen channel; a multi-channel or RGB model takes
 * the chosen channels (all by default), which must be as many as it was trained on. Checks happen in the
 * constructor so that a mismatch is reported before any work. Not thread-safe.
 */
final class TimepointReader {
    /** Values read at once when a plane is copied into compact storage. */
    private static final int BAND_VALUES = 1 << 20;

    private final ImageSource image;
    private final String leading;
    private final int[] leadingShape;
    private final int[] selectedChannels;
    private final boolean keepChannelAxis;
    private final int height;
    private final int width;

    TimepointReader(ImageSource image, List<Integer> channels, ChannelMode mode, int modelChannels)
            throws InvalidInputException {
        this.image = image;
        String axes = image.axes();
        int[] shape = image.shape();
        this.leading = axes.substring(0, axes.length() - 2);
        this.leadingShape = java.util.Arrays.copyOf(shape, shape.length - 2);
        this.height = shape[shape.length - 2];
        this.width = shape[shape.length - 1];
        int nc = size('C');
        boolean hasC = leading.indexOf('C') >= 0;
        if (mode == ChannelMode.SINGLE) {
            if (channels != null && !channels.isEmpty()) {
                if (channels.size() != 1) {
                    throw new InvalidInputException("the model is single-channel: choose one channel, not "
                            + channels, null);
                }
                checkIndices(channels, nc);
                selectedChannels = new int[] {channels.get(0)};
            } else if (nc > 1) {
                throw new InvalidInputException("the image has " + nc + " channels but the model takes one; "
                        + "choose it with --channel N (N = 0.." + (nc - 1) + "; KNIME: the Channels setting)",
                        null);
            } else {
                selectedChannels = new int[] {0};
            }
            keepChannelAxis = false;
        } else {
            if (channels != null && !channels.isEmpty()) {
                checkIndices(channels, nc);
                selectedChannels = channels.stream().mapToInt(Integer::intValue).toArray();
            } else {
                selectedChannels = IntStream.range(0, nc).toArray();
            }
            if (selectedChannels.length != modelChannels) {
                String which = channels == null || channels.isEmpty() ? (hasC ? "the image has " + nc
                        : "the image has no channel axis (axes " + axes
                                + "; set them with --axes, or label the image's axes in KNIME)")
                        : "selected " + channels + " of " + nc;
                throw new InvalidInputException("the model expects " + modelChannels + " channels (channel mode "
                        + mode.pythonName() + ") but " + which
                        + (nc > modelChannels
                                ? "; choose them with --channels (e.g. --channels " + firstChannels(modelChannels)
                                        + "; KNIME: the Channels setting)"
                                : ""), null);
            }
            keepChannelAxis = hasC;
        }
    }

    /** {@code 0,1,...,n-1}: the channels an example selection names. */
    private static String firstChannels(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(i);
        }
        return b.toString();
    }

    private static void checkIndices(List<Integer> channels, int nc) throws InvalidInputException {
        for (int c : channels) {
            if (c < 0 || c >= nc) {
                throw new InvalidInputException("channel " + c + " does not exist; the image has " + nc
                        + " channel" + (nc == 1 ? "" : "s") + " (0.." + (nc - 1) + ")", null);
            }
        }
    }

    private int size(char axis) {
        int i = leading.indexOf(axis);
        return i < 0 ? 1 : leadingShape[i];
    }

    int timepoints() {
        return size('T');
    }

    /** Values (pixels × selected channels) of one timepoint. */
    long timepointValues() {
        return (long) selectedChannels.length * size('Z') * height * width;
    }

    /** The volume of timepoint {@code t}: axes [C]?[Z]?YX with the selected channels, read into memory. */
    Volume read(int t) throws ConvpaintException {
        return read(t, 0);
    }

    /**
     * As {@link #read(int)}; with {@code cacheBytes > 0} the pixels stay in the source and are read in bands of
     * rows when used, at most {@code cacheBytes} of them held (the source must stay open while the volume is used).
     */
    Volume read(int t, long cacheBytes) throws ConvpaintException {
        int nz = size('Z');
        int plane = height * width;
        int nc = selectedChannels.length;
        if (cacheBytes > 0) {
            int[] planes = new int[nc * nz];
            for (int ci = 0; ci < nc; ci++) {
                for (int z = 0; z < nz; z++) {
                    planes[ci * nz + z] = planeIndex(t, selectedChannels[ci], z);
                }
            }
            return volume(PixelData.onDemand(nc * nz * plane, image.pixelType(),
                    new RowBands(image, planes, image.pixelType(), height, width, cacheBytes)));
        }
        PixelData data = PixelData.allocate(nc * nz * plane, image.pixelType());
        // bands of rows: the only full-size copy of the plane is the compact one
        int bandRows = Math.max(1, Math.min(height, BAND_VALUES / width));
        double[] buf = new double[bandRows * width];
        for (int ci = 0; ci < nc; ci++) {
            for (int z = 0; z < nz; z++) {
                int index = planeIndex(t, selectedChannels[ci], z);
                for (int y = 0; y < height; y += bandRows) {
                    int y1 = Math.min(height, y + bandRows);
                    image.readRows(index, y, y1, buf);
                    data.set((ci * nz + z) * plane + y * width, buf, 0, (y1 - y) * width);
                }
            }
        }
        return volume(data);
    }

    private Volume volume(PixelData data) {
        int nz = size('Z');
        boolean hasZ = leading.indexOf('Z') >= 0;
        StringBuilder axes = new StringBuilder();
        List<Integer> shape = new ArrayList<>();
        if (keepChannelAxis) {
            axes.append('C');
            shape.add(selectedChannels.length);
        }
        if (hasZ) {
            axes.append('Z');
            shape.add(nz);
        }
        axes.append("YX");
        shape.add(height);
        shape.add(width);
        return new Volume(axes.toString(), shape.stream().mapToInt(Integer::intValue).toArray(), data);
    }

    /** Plane index (C order over the source's leading axes) of (t, c, z). */
    private int planeIndex(int t, int c, int z) {
        int index = 0;
        for (int i = 0; i < leading.length(); i++) {
            int pos = switch (leading.charAt(i)) {
                case 'T' -> t;
                case 'C' -> c;
                case 'Z' -> z;
                default -> 0;
            };
            index = index * leadingShape[i] + pos;
        }
        return index;
    }
}

package org.convpaint.image;

/**
 * Physical size of a pixel and of a time step, as read from (and written to) image metadata. Unknown values are
 * {@code NaN}; units are free text as the metadata spells them (e.g. {@code µm}, {@code s}), null if unknown.
 * Immutable.
 *
 * @param pixelWidth  size along X
 * @param pixelHeight size along Y
 * @param voxelDepth  spacing along Z
 * @param timeInterval interval between timepoints
 * @param spaceUnit   unit of the three spatial sizes
 * @param timeUnit    unit of the time interval
 */
public record Calibration(double pixelWidth, double pixelHeight, double voxelDepth, double timeInterval,
        String spaceUnit, String timeUnit) {

    /** Nothing known. */
    public static final Calibration UNKNOWN = new Calibration(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null,
            null);

    /** True if no value is known. */
    public boolean isUnknown() {
        return Double.isNaN(pixelWidth) && Double.isNaN(pixelHeight) && Double.isNaN(voxelDepth)
                && Double.isNaN(timeInterval);
    }
}

/**
 * Dense grids [C, Z, H, W] (labels as {@link org.convpaint.grid.IntGrid}, class probabilities as
 * {@link org.convpaint.grid.DoubleGrid}) read and written as runs of rows wherever they are stored: in the heap or
 * in a hidden scratch file; the stages are written once against these interfaces. The scope that owns a
 * timepoint's scratch grids ({@link org.convpaint.grid.GridScope}) deletes their files when it closes. Where a grid
 * goes is decided by the pipeline's {@code StoragePolicy}.
 */
package org.convpaint.grid;

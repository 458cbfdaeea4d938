/**
 * Axes of input images: which dimension is time, Z, channel, Y and X. {@link org.convpaint.axes.AxesResolver}
 * decides from an explicit override, image metadata, or napari-tmidas' shape heuristics, in that order.
 */
package org.convpaint.axes;

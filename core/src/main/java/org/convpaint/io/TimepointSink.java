package org.convpaint.io;

import java.io.IOException;

import org.convpaint.grid.IntGrid;
import org.convpaint.pipeline.Segmentation;

/** Receives the result of each timepoint, in order. */
public interface TimepointSink {

    /**
     * @param t            timepoint index (0 for images without T)
     * @param labels       final labels of the timepoint ([1, Z, H, W]), after post-processing; uint32 bits; in the
     *                     heap or, for large timepoints, in a scratch file that is deleted when this method returns
     *                     (read them here, e.g. a band of rows at a time)
     * @param segmentation the segmentation: optional probabilities, warnings, stage times; its labels are
     *                     {@code labels} (the class labels before post-processing are not kept)
     */
    void accept(int t, IntGrid labels, Segmentation segmentation) throws IOException;
}

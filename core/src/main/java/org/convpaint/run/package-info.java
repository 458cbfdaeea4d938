/**
 * Running a model on whole images: {@link org.convpaint.run.ImagePredictor} loads a model and its feature
 * extractor once, then segments any number of images timepoint by timepoint, applying napari-tmidas'
 * post-processing; results stream to a {@link org.convpaint.io.TimepointSink}. {@link org.convpaint.run.FilePredictor}
 * does so for files and stores (TIFF, OME-Zarr), with {@link org.convpaint.run.PredictionOutputs} the one place an
 * output format is chosen. Used by the command line and the KNIME node alike.
 */
package org.convpaint.run;

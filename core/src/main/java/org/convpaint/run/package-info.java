/**
 * Running a model on whole images: {@link org.convpaint.run.ImagePredictor} loads a model and its feature
 * extractor once, then segments any number of images timepoint by timepoint, applying napari-tmidas'
 * post-processing; results stream to a {@link org.convpaint.io.TimepointSink}. Used by the command line and
 * the KNIME node alike.
 */
package org.convpaint.run;

/**
 * The napari-convpaint model as this engine sees it: {@link org.convpaint.model.ConvpaintParams} (the pickled
 * {@code Param} dataclass, with legacy fields mapped), the trained classifier, the class values and the number of
 * features. {@link org.convpaint.model.ModelLoader} reads a {@code .pkl} through the safe unpickler and
 * validates it; {@link org.convpaint.model.ExtractorCatalog} knows each feature extractor's name, weights
 * file and support status.
 */
package org.convpaint.model;

package org.convpaint.run;

/** What label image to produce (napari-tmidas' {@code output_type}). */
public enum OutputType {
    /** One label per class (the model's class values). */
    SEMANTIC,
    /** Connected components of each class, unique ids. */
    INSTANCE
}

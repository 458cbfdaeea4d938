/**
 * The "Convpaint Predictor (Files)" node: factory, model, dialog, settings, description, and the adapters between
 * table cells and the KNIME-free {@link org.convpaint.knime.files.batch} package (path cells in, result cells out).
 * Needs {@code org.knime.core}, {@code org.knime.filehandling.core} (KNIME path cells) and the engine; not KNIME
 * Image Processing.
 */
package org.convpaint.knime.files;

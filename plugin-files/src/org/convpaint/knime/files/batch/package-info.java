/**
 * The part of the file node that needs no KNIME (and is tested by plain JUnit in the default build, module
 * {@code plugin-files-tests/}): where a row's input is ({@link org.convpaint.knime.files.batch.InputLocation}),
 * the output format ({@link org.convpaint.knime.files.batch.OutputChoice}), and segmenting one row's file with its
 * outputs and outcome ({@link org.convpaint.knime.files.batch.RowProcessor},
 * {@link org.convpaint.knime.files.batch.RowResult}). Nothing in this package may import {@code org.knime}.
 */
package org.convpaint.knime.files.batch;

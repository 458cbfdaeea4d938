/**
 * What both Convpaint nodes share (the image-cell node of {@code org.convpaint.knime}, which needs KNIME Image
 * Processing, and the file node of {@code org.convpaint.knime.files}, which does not): the DJL set-up
 * ({@link org.convpaint.knime.common.EngineEnvironment}), the settings of the model and the prediction with their
 * compatibility rule ({@link org.convpaint.knime.common.SettingsList},
 * {@link org.convpaint.knime.common.PredictionSettings}) and their dialog components
 * ({@link org.convpaint.knime.common.PredictionDialogs}), file and URL resolution
 * ({@link org.convpaint.knime.common.LocalFiles}), the loaded model kept between executions
 * ({@link org.convpaint.knime.common.PredictorCache}) and progress/cancel
 * ({@link org.convpaint.knime.common.ExecutionProgress}). Requires {@code org.knime.core} and the engine only.
 */
package org.convpaint.knime.common;

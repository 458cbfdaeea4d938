/**
 * Convpaint for KNIME: applies pretrained napari-convpaint pixel classifiers to microscopy images.
 *
 * <p>This root package holds only the checked exceptions shared by every concern. Each exception carries a
 * message meant for the end user: it names the file at fault and says what to do.
 *
 * <p>Sub-packages: {@code pickle} (safe Python pickle reading), {@code model} (the {@code .pkl} model and its
 * parameters), {@code classify} (RandomForest and CatBoost evaluation).
 */
package org.convpaint;

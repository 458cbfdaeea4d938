package org.convpaint.run;

import org.convpaint.pipeline.TileSettings;

/**
 * How to run a model. Immutable.
 *
 * @param imageDownsample image_downsample to use (1 = none); null keeps the model's own value
 * @param outputType      semantic or instance labels
 * @param backgroundLabel class set to 0 after prediction (tmidas' background_label); ≤ 0 keeps every class
 * @param probabilities   also produce class probabilities
 * @param forceCpu        never use a GPU
 * @param threads         worker threads (≥ 1), each with its own feature extractor
 * @param tiles           tile size policy
 */
public record PredictionOptions(Integer imageDownsample, OutputType outputType, int backgroundLabel,
        boolean probabilities, boolean forceCpu, int threads, TileSettings tiles) {

    public PredictionOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        if (outputType == null || tiles == null) {
            throw new IllegalArgumentException("outputType and tiles are required");
        }
    }

    /** napari-tmidas' defaults: downsample 2, semantic, background label 1, all cores. */
    public static PredictionOptions defaults() {
        return new PredictionOptions(2, OutputType.SEMANTIC, 1, false, false,
                Runtime.getRuntime().availableProcessors(), TileSettings.automatic());
    }
}

package org.convpaint.run;

import org.convpaint.pipeline.StoragePolicy;
import org.convpaint.pipeline.TileSettings;

/**
 * How to run a model. Immutable. Build one with {@link #builder()} (napari-tmidas' defaults, then what differs).
 *
 * @param imageDownsample image_downsample to use (1 = none); null keeps the model's own value
 * @param outputType      semantic or instance labels
 * @param backgroundLabel class set to 0 after prediction (tmidas' background_label); ≤ 0 keeps every class
 * @param probabilities   also produce class probabilities
 * @param forceCpu        never use a GPU
 * @param threads         worker threads (≥ 1), each with its own feature extractor
 * @param tiles           tile size policy
 * @param storage         what goes to disk, and where
 */
public record PredictionOptions(Integer imageDownsample, OutputType outputType, int backgroundLabel,
        boolean probabilities, boolean forceCpu, int threads, TileSettings tiles, StoragePolicy storage) {

    public PredictionOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        if (outputType == null || tiles == null || storage == null) {
            throw new IllegalArgumentException("outputType, tiles and storage are required");
        }
    }

    /** napari-tmidas' defaults: downsample 2, semantic, background label 1, all cores. */
    public static PredictionOptions defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects options; each setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private Integer imageDownsample = 2;
        private OutputType outputType = OutputType.SEMANTIC;
        private int backgroundLabel = 1;
        private boolean probabilities;
        private boolean forceCpu;
        private int threads = Runtime.getRuntime().availableProcessors();
        private TileSettings tiles = TileSettings.automatic();
        private StoragePolicy storage = StoragePolicy.automatic();

        private Builder() {
        }

        /** image_downsample (1 = none); null keeps the model's own value. Default 2. */
        public Builder imageDownsample(Integer value) {
            this.imageDownsample = value;
            return this;
        }

        /** Default semantic. */
        public Builder outputType(OutputType value) {
            this.outputType = value;
            return this;
        }

        /** Class set to 0 (≤ 0 keeps every class). Default 1. */
        public Builder backgroundLabel(int value) {
            this.backgroundLabel = value;
            return this;
        }

        /** Also compute class probabilities. Default off. */
        public Builder probabilities(boolean value) {
            this.probabilities = value;
            return this;
        }

        /** Never use a GPU. Default off. */
        public Builder forceCpu(boolean value) {
            this.forceCpu = value;
            return this;
        }

        /** Worker threads (≥ 1). Default: all cores. */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /** Tile and spill policy. Default automatic. */
        public Builder tiles(TileSettings value) {
            this.tiles = value;
            return this;
        }

        /** Spill threshold and scratch folder. Default: a quarter of the heap, the system temp folder. */
        public Builder storage(StoragePolicy value) {
            this.storage = value;
            return this;
        }

        /** @throws IllegalArgumentException if threads < 1 or a required option is null */
        public PredictionOptions build() {
            return new PredictionOptions(imageDownsample, outputType, backgroundLabel, probabilities, forceCpu,
                    threads, tiles, storage);
        }
    }
}

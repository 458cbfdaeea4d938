package org.convpaint.features;

import java.util.List;

import org.convpaint.ConvpaintException;
import org.convpaint.image.ImageStack;

/**
 * A convpaint feature extractor. {@link #extract} computes the features of one channel series, i.e. a stack
 * [C, Z, H, W] with exactly {@link #inputChannels()} channels, plane by plane (Z is a batch; planes never
 * interact). The pipeline handles scalings, channel series, padding and resizing.
 *
 * <p>Implementations holding native resources are {@link AutoCloseable}. Instances are not required to be
 * thread-safe; use one per worker thread.
 */
public interface FeatureExtractor extends AutoCloseable {

    /** Canonical convpaint name, e.g. {@code gaussian_features}. */
    String name();

    /** Receptive-field padding convpaint reserves around the image ({@code get_padding()}). */
    int padding();

    /** Grid alignment ({@code get_patch_size()}): total stride, or the ViT patch size. */
    int patchSize();

    /** Number of channels one series must have ({@code num_input_channels}): 1 or 3. */
    int inputChannels();

    /** Whether the network takes RGB input ({@code rgb_input}). */
    boolean rgbInput();

    /** The normalisation the extractor expects. */
    NormMode normMode();

    /** True if predictions are made on the patch grid ({@code gives_patched_features()}). */
    default boolean patchedOutput() {
        return false;
    }

    /** True if features come from torch (resized with torch's interpolate), false for numpy (skimage resize). */
    boolean torchOutput();

    /** Output channels per hooked layer (for {@code fe_use_min_features}); empty if not a layered network. */
    default List<Integer> featuresPerLayer() {
        return List.of();
    }

    /** Number of features one channel series yields at one scale. */
    int featuresPerSeries();

    /**
     * @param series [C = inputChannels(), Z, H, W], H and W multiples of {@link #patchSize()}
     * @return feature blocks in convpaint's order (e.g. one per hooked layer), each [F_i, Z, h_i, w_i]
     */
    List<FeatureMaps> extract(ImageStack series) throws ConvpaintException;

    /**
     * As {@link #extract(ImageStack)} for a series that is part (a window, or one plane) of a whole image of
     * {@code depth × height × width} at this scale; extractors whose numerics depend on the size of the call
     * (libtorch picks its convolution algorithm by size) use the whole size to reproduce the whole-image result.
     */
    default List<FeatureMaps> extract(ImageStack series, int depth, int height, int width)
            throws ConvpaintException {
        return extract(series);
    }

    /**
     * Writes what {@link #extract(ImageStack, int, int, int)} returns straight into a feature stack, when that is a
     * single block of {@code count} maps of the series' own height and width, for a single plane: the maps as
     * float32 [count, H, W] in {@code dst} from {@code offset}, as a copy of them would be. Returns false, writing
     * nothing, when this extractor cannot (the caller then uses {@code extract}); the default cannot. Spares
     * allocating and copying the block.
     */
    default boolean extractInto(ImageStack series, int depth, int height, int width, int count, float[] dst,
            int offset) throws ConvpaintException {
        return false;
    }

    /**
     * Whether an image of this padded size can be computed window by window with the same result as at once;
     * false forces one tile.
     */
    default boolean tileable(int depth, int paddedHeight, int paddedWidth, List<Integer> scalings) {
        return true;
    }

    @Override
    void close();
}

package org.convpaint.features;

import java.util.ArrayList;
import java.util.List;

import org.convpaint.ConvpaintException;
import org.convpaint.image.ImageStack;

/**
 * convpaint's combo extractors ({@code combo_dino_vgg}, {@code combo_dino_gauss}): two extractors whose features
 * are concatenated. Each part runs its own pyramid with its own defaults (VGG16: {@code features.0}, scalings
 * [1, 2, 4], nearest restore; Gaussian: [1]; DINOv2: [1], tokens replicated ×14 to pixels), on the combo's padded
 * image: padding = max of the parts, alignment = lcm of their patch sizes, default (z-score) normalisation even
 * for RGB, never patched, never tiled (DINOv2 has global context). Owns its parts; not thread-safe.
 */
public final class ComboFeatures implements FeatureExtractor {
    /**
     * One part and the pyramid convpaint runs it with.
     *
     * @param extractor the part
     * @param scalings  its default scalings
     * @param order     its default restore order
     */
    public record Part(FeatureExtractor extractor, List<Integer> scalings, int order) {
    }

    private final String name;
    private final List<Part> parts;

    public ComboFeatures(String name, List<Part> parts) {
        this.name = name;
        this.parts = List.copyOf(parts);
    }

    /** The parts, in feature order. */
    public List<Part> parts() {
        return parts;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int padding() {
        return parts.stream().mapToInt(p -> p.extractor().padding()).max().orElse(0);
    }

    @Override
    public int patchSize() {
        return Alignment.lcm(parts.stream().map(p -> p.extractor().patchSize()).toList());
    }

    @Override
    public int inputChannels() {
        return 1;
    }

    @Override
    public boolean rgbInput() {
        return false;
    }

    @Override
    public NormMode normMode() {
        return NormMode.DEFAULT;
    }

    @Override
    public boolean torchOutput() {
        return false;
    }

    @Override
    public int featuresPerSeries() {
        int n = 0;
        for (Part p : parts) {
            n += p.extractor().featuresPerSeries() * p.scalings().size();
        }
        return n;
    }

    @Override
    public boolean tileable(int depth, int paddedHeight, int paddedWidth, List<Integer> scalings) {
        for (Part p : parts) {
            if (!p.extractor().tileable(depth, paddedHeight, paddedWidth, p.scalings())) {
                return false;
            }
        }
        return true;
    }

    /** Not used: the pipeline runs each part's own pyramid ({@link #parts()}). */
    @Override
    public List<FeatureMaps> extract(ImageStack series) throws ConvpaintException {
        throw new UnsupportedOperationException("combo extractors run per part");
    }

    @Override
    public void close() {
        List<RuntimeException> errors = new ArrayList<>();
        for (Part p : parts) {
            try {
                p.extractor().close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }
}

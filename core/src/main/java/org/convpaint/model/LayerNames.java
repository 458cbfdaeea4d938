package org.convpaint.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Normalises convpaint's {@code fe_layers} entries to module paths. Entries are either
 * {@code "<module path> <torch repr>"} strings (only the path matters; the repr varies with the torch version) or
 * integer indices into the extractor's list of selectable Conv2d layers.
 */
public final class LayerNames {
    /** VGG16's selectable layers (its Conv2d modules in order), as convpaint's {@code init_layer_dict} lists them. */
    public static final List<String> VGG16_CONV_LAYERS = List.of("features.0", "features.2", "features.5",
            "features.7", "features.10", "features.12", "features.14", "features.17", "features.19", "features.21",
            "features.24", "features.26", "features.28");

    private LayerNames() {
    }

    /**
     * @param featureExtractor canonical extractor name
     * @param raw              the pickled list (strings and/or integers), or null
     * @return module paths in the given order
     * @throws IllegalArgumentException for an entry that is neither, or an index out of range
     */
    public static List<String> normalize(String featureExtractor, List<?> raw) {
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (Object entry : raw) {
            if (entry instanceof String s) {
                String path = s.strip();
                int space = path.indexOf(' ');
                out.add(space < 0 ? path : path.substring(0, space));
            } else if (entry instanceof Number n) {
                if (!ParamsReader.fitsInt(n)) {
                    throw new IllegalArgumentException("layer index " + org.convpaint.Messages.describe(n)
                            + " is not an integer");
                }
                int i = n.intValue();
                if (!ExtractorCatalog.VGG16.equals(featureExtractor)) {
                    out.add(Integer.toString(i));
                } else if (i < 0 || i >= VGG16_CONV_LAYERS.size()) {
                    throw new IllegalArgumentException("layer index " + i + " is outside VGG16's 0.."
                            + (VGG16_CONV_LAYERS.size() - 1));
                } else {
                    out.add(VGG16_CONV_LAYERS.get(i));
                }
            } else {
                throw new IllegalArgumentException("layer entry " + org.convpaint.Messages.describe(entry)
                        + " is neither a name nor an index");
            }
        }
        return out;
    }
}

package org.convpaint.model;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.convpaint.InvalidModelException;
import org.convpaint.Messages;

/**
 * The values of a convpaint {@code Param} the engine accepts, checked when a model is loaded so that a model that
 * could never segment an image is refused with the field's name instead of failing on every image. The ranges are
 * napari-convpaint's own (its widget and the spec, §1.3): {@code image_downsample} −20..20 (negative = upscale),
 * {@code seg_smoothening} 0..20; interpolation orders are spline orders 0..5; pyramid scalings are positive integers
 * of at most {@link #MAX_SCALING} whose least common multiple (the padding multiple) is at most {@link #MAX_SCALING}.
 * Stateless.
 */
final class ParamLimits {
    static final int MIN_DOWNSAMPLE = -20;
    static final int MAX_DOWNSAMPLE = 20;
    static final int MIN_SMOOTHENING = 0;
    static final int MAX_SMOOTHENING = 20;
    static final int MAX_ORDER = 5;
    /** Largest pyramid factor, and largest least common multiple of all factors. */
    static final int MAX_SCALING = 1024;
    /** Most entries of {@code fe_scalings}. */
    static final int MAX_SCALINGS = 16;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,100}");

    private ParamLimits() {
    }

    /** Refuses {@code value} outside {@code min..max}, naming the field. */
    static void checkRange(String field, int value, int min, int max, Path source) throws InvalidModelException {
        if (value < min || value > max) {
            throw new InvalidModelException("invalid " + field + " " + value + " (napari-convpaint allows " + min
                    + ".." + max + ")", source);
        }
    }

    /** One {@code fe_scalings} entry: an integer 1..{@link #MAX_SCALING}. */
    static int scaling(Object o, Path source) throws InvalidModelException {
        if (!(o instanceof Number n) || o instanceof Boolean || !ParamsReader.fitsInt(n) || n.intValue() < 1
                || n.intValue() > MAX_SCALING) {
            throw new InvalidModelException("invalid fe_scalings entry " + Messages.describe(o)
                    + " (expected integers 1.." + MAX_SCALING + ")", source);
        }
        return n.intValue();
    }

    /** The whole {@code fe_scalings} list: few entries, and a least common multiple within bounds. */
    static void checkScalings(List<Integer> scalings, Path source) throws InvalidModelException {
        if (scalings.size() > MAX_SCALINGS) {
            throw new InvalidModelException("invalid fe_scalings: " + scalings.size() + " entries (at most "
                    + MAX_SCALINGS + ")", source);
        }
        long lcm = 1;
        for (int s : scalings) {
            lcm = lcm / gcd(lcm, s) * s;
            if (lcm > MAX_SCALING) {
                throw new InvalidModelException("invalid fe_scalings " + Messages.describe(scalings)
                        + ": their least common multiple exceeds " + MAX_SCALING, source);
            }
        }
    }

    /**
     * A name shown to users ({@code fe_name}, a layer's module path): 1..100 letters, digits and {@code _.+-}, so that
     * {@code inspect} and later messages can print it as it is.
     */
    static void checkName(String field, String name, Path source) throws InvalidModelException {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidModelException("invalid " + field + " " + Messages.quote(name)
                    + " (expected a name of letters, digits and _.+-)", source);
        }
    }

    /** Layers: plain module paths, no repeats; for VGG16, only its selectable convolutions. */
    static void checkLayers(String extractor, List<String> layers, Path source) throws InvalidModelException {
        Set<String> seen = new HashSet<>();
        for (String l : layers) {
            checkName("fe_layers entry", l, source);
            if (!seen.add(l)) {
                throw new InvalidModelException("invalid fe_layers: layer " + Messages.quote(l)
                        + " is selected more than once", source);
            }
            if (ExtractorCatalog.VGG16.equals(extractor) && !LayerNames.VGG16_CONV_LAYERS.contains(l)) {
                throw new InvalidModelException("invalid fe_layers: " + Messages.quote(l) + " is not one of VGG16's "
                        + "convolution layers (features.0 .. features.28)", source);
            }
        }
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}

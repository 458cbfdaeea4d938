package org.convpaint.features;

import java.util.List;

/**
 * The module sequence of torchvision's {@code vgg16().features}: 3×3 convolutions (stride 1, padding 1, with bias)
 * each followed by an in-place ReLU, and 2×2 max-pools (stride 2) after conv blocks. Also computes convpaint's
 * receptive-field padding and total stride up to a layer ({@code Hookmodel._compute_nn_properties}). Immutable.
 */
final class Vgg16Network {
    /** Kinds of modules in {@code features}. */
    enum Kind { CONV, RELU, POOL }

    /** Module kinds by index 0..30. */
    static final List<Kind> MODULES;
    /** Output channels of the convolution at each index (0 for other modules). */
    private static final int[] OUT_CHANNELS = new int[31];
    /** Input channels of the convolution at each index. */
    private static final int[] IN_CHANNELS = new int[31];

    static {
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        Kind[] kinds = new Kind[31];
        int i = 0;
        int in = 3;
        for (int[] block : blocks) {
            for (int out : block) {
                kinds[i] = Kind.CONV;
                IN_CHANNELS[i] = in;
                OUT_CHANNELS[i] = out;
                in = out;
                kinds[i + 1] = Kind.RELU;
                i += 2;
            }
            kinds[i++] = Kind.POOL;
        }
        MODULES = List.of(kinds);
    }

    private Vgg16Network() {
    }

    /** Index of the module {@code features.N}, validated to be a convolution. */
    static int convIndex(String layer) {
        if (!layer.startsWith("features.")) {
            throw new IllegalArgumentException("'" + layer + "' is not a VGG16 layer (expected features.N)");
        }
        int idx;
        try {
            idx = Integer.parseInt(layer.substring("features.".length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + layer + "' is not a VGG16 layer (expected features.N)");
        }
        if (idx < 0 || idx >= MODULES.size() || MODULES.get(idx) != Kind.CONV) {
            throw new IllegalArgumentException("'" + layer + "' is not a convolution of VGG16");
        }
        return idx;
    }

    /**
     * The shape of a convolution tensor of {@code features} under its state-dict name ({@code features.N.weight}
     * {@code [out, in, 3, 3]}, {@code features.N.bias} {@code [out]}, or the same as {@code N.weight/bias}), or
     * null for any other name.
     */
    static int[] expectedShape(String tensorName) {
        String name = tensorName.startsWith("features.") ? tensorName.substring("features.".length()) : tensorName;
        int dot = name.indexOf('.');
        if (dot < 1 || dot > 2) {
            return null;
        }
        int idx;
        try {
            idx = Integer.parseInt(name.substring(0, dot));
        } catch (NumberFormatException e) {
            return null;
        }
        if (idx >= MODULES.size() || MODULES.get(idx) != Kind.CONV) {
            return null;
        }
        return switch (name.substring(dot + 1)) {
            case "weight" -> weightShape(idx);
            case "bias" -> biasShape(idx);
            default -> null;
        };
    }

    /** {@code [out, in, 3, 3]} of the convolution at {@code idx}. */
    static int[] weightShape(int idx) {
        return new int[] {OUT_CHANNELS[idx], IN_CHANNELS[idx], 3, 3};
    }

    /** {@code [out]} of the convolution at {@code idx}. */
    static int[] biasShape(int idx) {
        return new int[] {OUT_CHANNELS[idx]};
    }

    static int outChannels(int idx) {
        return OUT_CHANNELS[idx];
    }

    /** {receptive field, total stride} of the network up to and including module {@code last}. */
    static int[] receptiveFieldAndStride(int last) {
        int rf = 1;
        int stride = 1;
        for (int i = 0; i <= last; i++) {
            Kind k = MODULES.get(i);
            if (k == Kind.CONV) {
                rf += 2 * stride;
            } else if (k == Kind.POOL) {
                rf += stride;
                stride *= 2;
            }
        }
        return new int[] {rf, stride};
    }
}

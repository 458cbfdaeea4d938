package org.convpaint.features.dino;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.convpaint.weights.Tensor;

/**
 * The tensors of DINOv2 ViT-S/14 with 4 registers ({@code torch.hub.load('facebookresearch/dinov2',
 * 'dinov2_vits14_reg')}, file {@code dinov2_vits14_reg4_pretrain.pth}) under the hub model's state-dict names, with
 * their shapes, and checks of a state dict against them. Immutable.
 */
public final class Dinov2StateDict {
    /** Embedding width. */
    public static final int EMBED = 384;
    /** Transformer blocks. */
    public static final int DEPTH = 12;
    /** Attention heads. */
    public static final int HEADS = 6;
    /** Width of one head. */
    public static final int HEAD_DIM = EMBED / HEADS;
    /** Hidden width of the MLPs. */
    public static final int MLP_HIDDEN = 4 * EMBED;
    /** Patch (and token) size in pixels. */
    public static final int PATCH = 14;
    /** Side of the learned position-embedding grid ({@code img_size 518 / 14}). */
    public static final int GRID = 37;
    /** Register tokens. */
    public static final int REGISTERS = 4;

    /** Tensors inference needs, with shapes, in the hub model's {@code state_dict()} order. */
    private static final Map<String, int[]> REQUIRED;
    /** Tensors of the file inference does not use (checked only when present). */
    private static final Map<String, int[]> OPTIONAL = Map.of("mask_token", new int[] {1, EMBED});

    static {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("cls_token", new int[] {1, 1, EMBED});
        m.put("pos_embed", new int[] {1, 1 + GRID * GRID, EMBED});
        m.put("register_tokens", new int[] {1, REGISTERS, EMBED});
        m.put("patch_embed.proj.weight", new int[] {EMBED, 3, PATCH, PATCH});
        m.put("patch_embed.proj.bias", new int[] {EMBED});
        for (int i = 0; i < DEPTH; i++) {
            String b = "blocks." + i + ".";
            m.put(b + "norm1.weight", new int[] {EMBED});
            m.put(b + "norm1.bias", new int[] {EMBED});
            m.put(b + "attn.qkv.weight", new int[] {3 * EMBED, EMBED});
            m.put(b + "attn.qkv.bias", new int[] {3 * EMBED});
            m.put(b + "attn.proj.weight", new int[] {EMBED, EMBED});
            m.put(b + "attn.proj.bias", new int[] {EMBED});
            m.put(b + "ls1.gamma", new int[] {EMBED});
            m.put(b + "norm2.weight", new int[] {EMBED});
            m.put(b + "norm2.bias", new int[] {EMBED});
            m.put(b + "mlp.fc1.weight", new int[] {MLP_HIDDEN, EMBED});
            m.put(b + "mlp.fc1.bias", new int[] {MLP_HIDDEN});
            m.put(b + "mlp.fc2.weight", new int[] {EMBED, MLP_HIDDEN});
            m.put(b + "mlp.fc2.bias", new int[] {EMBED});
            m.put(b + "ls2.gamma", new int[] {EMBED});
        }
        m.put("norm.weight", new int[] {EMBED});
        m.put("norm.bias", new int[] {EMBED});
        REQUIRED = Collections.unmodifiableMap(m);
    }

    private Dinov2StateDict() {
    }

    /** Names of the tensors inference needs (175: all 176 of the file but {@code mask_token}), in state-dict order. */
    public static List<String> requiredNames() {
        return List.copyOf(REQUIRED.keySet());
    }

    /** The shape a required or optional tensor must have, or null for other names. */
    public static int[] expectedShape(String name) {
        int[] s = REQUIRED.get(name);
        if (s == null) {
            s = OPTIONAL.get(name);
        }
        return s == null ? null : s.clone();
    }

    /**
     * Filter for {@link org.convpaint.weights.TorchWeights#read(java.nio.file.Path, Predicate)}: the tensors
     * inference needs (skips {@code mask_token} and anything else).
     */
    public static Predicate<String> wanted() {
        return REQUIRED::containsKey;
    }

    /**
     * Whether a file with these tensor names holds DINOv2 ViT-S/14-reg weights (all required names present), e.g. to
     * pick the DINOv2 file among several given weights files without reading their data.
     */
    public static boolean matches(Collection<String> names) {
        return names.containsAll(REQUIRED.keySet());
    }

    /**
     * Checks presence and shape of every tensor inference needs (and of {@code mask_token} if present).
     *
     * @throws IllegalArgumentException naming the first missing or misshaped tensor (and how many more problems
     *                                  there are); says so when the tensors look like VGG16's
     */
    public static void validate(Map<String, Tensor> weights) {
        validate(weights, weights.keySet());
    }

    /**
     * As {@link #validate(Map)}, for {@code weights} read with the {@link #wanted()} filter from a file holding the
     * tensors {@code fileNames} (used to say what the file holds instead).
     */
    public static void validate(Map<String, Tensor> weights, Collection<String> fileNames) {
        List<String> missing = new ArrayList<>();
        List<String> misshaped = new ArrayList<>();
        for (Map.Entry<String, int[]> e : REQUIRED.entrySet()) {
            Tensor t = weights.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                misshaped.add(describe(e.getKey(), t.shape(), e.getValue()));
            }
        }
        for (Map.Entry<String, int[]> e : OPTIONAL.entrySet()) {
            Tensor t = weights.get(e.getKey());
            if (t != null && !Arrays.equals(t.shape(), e.getValue())) {
                misshaped.add(describe(e.getKey(), t.shape(), e.getValue()));
            }
        }
        if (missing.isEmpty() && misshaped.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder("not DINOv2 ViT-S/14-reg weights (dinov2_vits14_reg4_pretrain.pth): ");
        int problems = missing.size() + misshaped.size();
        if (!misshaped.isEmpty()) {
            msg.append(misshaped.get(0));
        } else {
            msg.append("no tensor '").append(missing.get(0)).append('\'');
        }
        if (problems > 1) {
            msg.append(" (and ").append(problems - 1).append(" more missing or misshaped tensors)");
        }
        if (missing.size() == REQUIRED.size()) {
            boolean vgg = fileNames.stream().anyMatch(k -> k.startsWith("features.")
                    || k.matches("\\d+\\.(weight|bias)"));
            msg.append(vgg ? "; the file holds VGG16 tensors (features.N.*)"
                    : "; none of its " + fileNames.size() + " tensors has a DINOv2 name");
        }
        throw new IllegalArgumentException(msg.toString());
    }

    private static String describe(String name, int[] actual, int[] expected) {
        return "tensor '" + name + "' has shape " + Arrays.toString(actual) + ", DINOv2 ViT-S/14-reg needs "
                + Arrays.toString(expected);
    }
}

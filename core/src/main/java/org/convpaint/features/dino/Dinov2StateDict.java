package org.convpaint.features.dino;

import java.util.Collection;
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

    private static final StateDictSpec SPEC;

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
        SPEC = new StateDictSpec("DINOv2 ViT-S/14-reg", "dinov2_vits14_reg4_pretrain.pth", m,
                Map.of("mask_token", new int[] {1, EMBED}), "DINOv2");
    }

    private Dinov2StateDict() {
    }

    /** The tensors and checks as one value. */
    public static StateDictSpec spec() {
        return SPEC;
    }

    /** Names of the tensors inference needs (175: all 176 of the file but {@code mask_token}), in state-dict order. */
    public static List<String> requiredNames() {
        return SPEC.requiredNames();
    }

    /** The shape a required or optional tensor must have, or null for other names. */
    public static int[] expectedShape(String name) {
        return SPEC.expectedShape(name);
    }

    /**
     * Filter for {@link org.convpaint.weights.TorchWeights#read(java.nio.file.Path, Predicate)}: the tensors
     * inference needs (skips {@code mask_token} and anything else).
     */
    public static Predicate<String> wanted() {
        return SPEC.wanted();
    }

    /**
     * Whether a file with these tensor names holds DINOv2 ViT-S/14-reg weights (all required names present), e.g. to
     * pick the DINOv2 file among several given weights files without reading their data.
     */
    public static boolean matches(Collection<String> names) {
        return SPEC.matches(names);
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
        SPEC.validate(weights, fileNames);
    }
}

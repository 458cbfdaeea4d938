package org.convpaint.features.dino;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors of timm's {@code vit_small_plus_patch16_dinov3.lvd1689m} (DINOv3 ViT-S+/16 with 4 registers, file
 * {@code vit_small_plus_patch16_dinov3_lvd1689m.safetensors}) under timm's state-dict names, with their shapes,
 * and checks of a state dict against them ({@link #spec()}). All 186 tensors of the published file are needed (the
 * rotary embedding's periods are computed, not stored). Immutable.
 */
public final class Dinov3StateDict {
    /** Embedding width. */
    public static final int EMBED = 384;
    /** Transformer blocks. */
    public static final int DEPTH = 12;
    /** Attention heads. */
    public static final int HEADS = 6;
    /** Width of one head. */
    public static final int HEAD_DIM = EMBED / HEADS;
    /** Hidden width of the SwiGLU MLPs (each of its two input projections). */
    public static final int MLP_HIDDEN = 4 * EMBED;
    /** Patch (and token) size in pixels. */
    public static final int PATCH = 16;
    /** Register tokens (after the class token). */
    public static final int REGISTERS = 4;

    private static final StateDictSpec SPEC;

    static {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("cls_token", new int[] {1, 1, EMBED});
        m.put("reg_token", new int[] {1, REGISTERS, EMBED});
        m.put("patch_embed.proj.weight", new int[] {EMBED, 3, PATCH, PATCH});
        m.put("patch_embed.proj.bias", new int[] {EMBED});
        for (int i = 0; i < DEPTH; i++) {
            String b = "blocks." + i + ".";
            m.put(b + "gamma_1", new int[] {EMBED});
            m.put(b + "gamma_2", new int[] {EMBED});
            m.put(b + "norm1.weight", new int[] {EMBED});
            m.put(b + "norm1.bias", new int[] {EMBED});
            m.put(b + "attn.qkv.weight", new int[] {3 * EMBED, EMBED});
            m.put(b + "attn.proj.weight", new int[] {EMBED, EMBED});
            m.put(b + "attn.proj.bias", new int[] {EMBED});
            m.put(b + "norm2.weight", new int[] {EMBED});
            m.put(b + "norm2.bias", new int[] {EMBED});
            m.put(b + "mlp.fc1_g.weight", new int[] {MLP_HIDDEN, EMBED});
            m.put(b + "mlp.fc1_g.bias", new int[] {MLP_HIDDEN});
            m.put(b + "mlp.fc1_x.weight", new int[] {MLP_HIDDEN, EMBED});
            m.put(b + "mlp.fc1_x.bias", new int[] {MLP_HIDDEN});
            m.put(b + "mlp.fc2.weight", new int[] {EMBED, MLP_HIDDEN});
            m.put(b + "mlp.fc2.bias", new int[] {EMBED});
        }
        m.put("norm.weight", new int[] {EMBED});
        m.put("norm.bias", new int[] {EMBED});
        SPEC = new StateDictSpec("DINOv3 ViT-S+/16", "vit_small_plus_patch16_dinov3_lvd1689m.safetensors", m,
                Map.of(), "DINOv3");
    }

    private Dinov3StateDict() {
    }

    /** The tensors and checks as one value. */
    public static StateDictSpec spec() {
        return SPEC;
    }
}

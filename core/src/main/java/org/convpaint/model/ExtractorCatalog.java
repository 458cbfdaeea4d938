package org.convpaint.model;

import java.util.List;
import java.util.Map;

/**
 * Feature extractor names napari-convpaint writes into {@code Param.fe_name}, with the weights each needs. Also
 * maps names written by older convpaint versions to the current ones. Immutable.
 */
public final class ExtractorCatalog {
    public static final String GAUSSIAN = "gaussian_features";
    public static final String VGG16 = "vgg16";
    public static final String DINOV2 = "dinov2_small-reg";
    public static final String DINOV3 = "dinov3_small-plus";
    public static final String COMBO_DINO_VGG = "combo_dino_vgg";
    public static final String COMBO_DINO_GAUSS = "combo_dino_gauss";

    private static final Map<String, String> LEGACY_NAMES = Map.of(
            "dinov2_vits14_reg", DINOV2,
            "dinov3_vits16plus", DINOV3,
            "dino_jafar_small", "dinov2_small-reg_jafar");

    private static final Map<String, List<WeightsFile>> WEIGHTS = Map.ofEntries(
            Map.entry(GAUSSIAN, List.of()),
            Map.entry(VGG16, List.of(WeightsFile.VGG16)),
            Map.entry(DINOV2, List.of(WeightsFile.DINOV2_VITS14_REG)),
            Map.entry(COMBO_DINO_VGG, List.of(WeightsFile.VGG16, WeightsFile.DINOV2_VITS14_REG)),
            Map.entry(COMBO_DINO_GAUSS, List.of(WeightsFile.DINOV2_VITS14_REG)),
            Map.entry("efficient_netb0", List.of(new WeightsFile("efficientnet_b0_rwightman-7f5810bc.pth",
                    "https://download.pytorch.org/models/efficientnet_b0_rwightman-7f5810bc.pth"))),
            Map.entry("convnext", List.of(new WeightsFile("convnext_base-6075fbad.pth",
                    "https://download.pytorch.org/models/convnext_base-6075fbad.pth"))),
            Map.entry(DINOV3, List.of(WeightsFile.DINOV3_VITS16PLUS)),
            Map.entry("ilastik_2d", List.of()),
            Map.entry("combo_dino_ilastik", List.of(WeightsFile.DINOV2_VITS14_REG)));

    private ExtractorCatalog() {
    }

    /** The current convpaint name for {@code name} (older DINO names are renamed; others pass through). */
    public static String canonicalName(String name) {
        return LEGACY_NAMES.getOrDefault(name, name);
    }

    /** Weights files the extractor needs, in the order its parts run; empty if none or unknown. */
    public static List<WeightsFile> weightsFor(String canonicalName) {
        return WEIGHTS.getOrDefault(canonicalName, List.of());
    }

    /** Extractors this engine computes. */
    public static List<String> supported() {
        return List.of(GAUSSIAN, VGG16, DINOV2, DINOV3, COMBO_DINO_VGG, COMBO_DINO_GAUSS);
    }

    /** Whether this engine can compute the extractor's features. */
    public static boolean isSupported(String canonicalName) {
        return supported().contains(canonicalName);
    }
}

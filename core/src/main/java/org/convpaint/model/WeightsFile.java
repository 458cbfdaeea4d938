package org.convpaint.model;

/**
 * A pretrained weights file a feature extractor needs, as PyTorch/torch hub names it.
 *
 * @param fileName official file name, e.g. {@code vgg16-397923af.pth}
 * @param url      where the file is published
 */
public record WeightsFile(String fileName, String url) {
    public static final WeightsFile VGG16 = new WeightsFile("vgg16-397923af.pth",
            "https://download.pytorch.org/models/vgg16-397923af.pth");
    public static final WeightsFile DINOV2_VITS14_REG = new WeightsFile("dinov2_vits14_reg4_pretrain.pth",
            "https://dl.fbaipublicfiles.com/dinov2/dinov2_vits14/dinov2_vits14_reg4_pretrain.pth");
    /** timm's DINOv3 ViT-S+/16; the download is named {@code model.safetensors}: save it under {@link #fileName}. */
    public static final WeightsFile DINOV3_VITS16PLUS = new WeightsFile(
            "vit_small_plus_patch16_dinov3_lvd1689m.safetensors",
            "https://huggingface.co/timm/vit_small_plus_patch16_dinov3.lvd1689m/resolve/main/model.safetensors");
}

/**
 * DINOv2 ViT-S/14 with registers, convpaint's {@code dinov2_small-reg} feature extractor
 * ({@link org.convpaint.features.dino.Dinov2Features}), its weights' layout
 * ({@link org.convpaint.features.dino.Dinov2StateDict}) and torch's anti-aliased bicubic resampling of the
 * position embedding ({@link org.convpaint.features.dino.AntialiasedBicubic}); DINOv3 ViT-S+/16, convpaint's
 * {@code dinov3_small-plus} ({@link org.convpaint.features.dino.Dinov3Features}, timm's Eva with rotary position
 * embeddings and SwiGLU) and its weights' layout ({@link org.convpaint.features.dino.Dinov3StateDict}); what the two
 * share: {@code StateDictSpec} (names, shapes, checks) and {@code VitOps} (input batch, attention).
 */
package org.convpaint.features.dino;

/**
 * DINOv2 ViT-S/14 with registers, convpaint's {@code dinov2_small-reg} feature extractor
 * ({@link org.convpaint.features.dino.Dinov2Features}), its weights' layout
 * ({@link org.convpaint.features.dino.Dinov2StateDict}) and torch's anti-aliased bicubic resampling of the
 * position embedding ({@link org.convpaint.features.dino.AntialiasedBicubic}).
 */
package org.convpaint.features.dino;

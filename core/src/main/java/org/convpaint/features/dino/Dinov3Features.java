package org.convpaint.features.dino;

import static org.convpaint.features.dino.Dinov3StateDict.DEPTH;
import static org.convpaint.features.dino.Dinov3StateDict.EMBED;
import static org.convpaint.features.dino.Dinov3StateDict.HEADS;
import static org.convpaint.features.dino.Dinov3StateDict.HEAD_DIM;
import static org.convpaint.features.dino.Dinov3StateDict.PATCH;
import static org.convpaint.features.dino.Dinov3StateDict.REGISTERS;

import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

import org.convpaint.features.FeatureExtractor;
import org.convpaint.features.FeatureMaps;
import org.convpaint.features.NormMode;
import org.convpaint.image.ImageStack;
import org.convpaint.weights.Tensor;

/**
 * convpaint's {@code dinov3_small-plus} extractor ({@code Dinov3Features}): timm's
 * {@code vit_small_plus_patch16_dinov3.lvd1689m} ({@code Eva}, timm 1.0.29), {@code forward_features(x)} of a
 * [Z, 3, H, W] float32 batch (H, W multiples of 16; every plane attends only within itself) with the 5 prefix
 * tokens dropped, returned as one block [384, Z, H/16, W/16] (tokens row-major).
 *
 * <p>Forward pass: 16×16/16 patch convolution with bias; cls and the 4 register tokens prepended (no absolute
 * position embedding); 12 pre-norm blocks: LayerNorm (eps 1e-5) → qkv without bias → 6 heads × 64 → rotary
 * position embedding on the patch tokens of q and k ({@link #rotaryEmbedding}) → {@code softmax(q·0.125 · kᵀ) · v}
 * → proj → × gamma_1 → residual; LayerNorm → SwiGLU ({@code silu(fc1_g(y)) · fc1_x(y)}, hidden 1536) → fc2 ×
 * gamma_2 → residual; final LayerNorm. Runs on DJL/PyTorch with the reference's float32 operations; results
 * differ from it by float32 rounding only.
 *
 * <p>Holds the weights as native tensors (about 115 MB): {@link #close()} it. Not thread-safe; use one instance per
 * thread (libtorch already uses all cores inside one call).
 */
public final class Dinov3Features implements FeatureExtractor {
    /** convpaint's name of this extractor. */
    public static final String NAME = "dinov3_small-plus";
    /** RoPE base period ({@code rope_temperature}). */
    static final double ROPE_TEMPERATURE = 100;

    private static final float LN_EPS = 1e-5f;
    private static final float QK_SCALE = 0.125f; // 64 ** -0.5, exact
    private static final int PREFIX = 1 + REGISTERS;
    private static final int HALF = HEAD_DIM / 2;

    private final NDManager root;
    private final NDManager weightsManager;
    private final float[] cls;
    private final float[] registers;
    private final NDArray patchWeight;
    private final NDArray patchBias;
    private final NDArray normWeight;
    private final NDArray normBias;
    private final BlockWeights[] blocks = new BlockWeights[DEPTH];

    private long attentionBatchBytes = VitOps.ATTENTION_BATCH_BYTES;
    private int cachedGridH = -1;
    private int cachedGridW = -1;
    private float[][] cachedRope;

    /** One transformer block's parameters. */
    private record BlockWeights(NDArray norm1W, NDArray norm1B, NDArray qkvW, NDArray projW, NDArray projB,
            NDArray gamma1, NDArray norm2W, NDArray norm2B, NDArray fc1gW, NDArray fc1gB, NDArray fc1xW,
            NDArray fc1xB, NDArray fc2W, NDArray fc2B, NDArray gamma2) {
    }

    /**
     * @param weights timm's state dict (see {@link Dinov3StateDict}); arrays are copied to native memory
     * @param device  where to compute
     * @throws IllegalArgumentException if a tensor is missing or misshaped (the message names it)
     */
    public Dinov3Features(Map<String, Tensor> weights, Device device) {
        Dinov3StateDict.spec().validate(weights, weights.keySet());
        this.cls = weights.get("cls_token").data();
        this.registers = weights.get("reg_token").data();
        this.root = NDManager.newBaseManager(device, Engine.getEngine("PyTorch").getEngineName());
        try {
            this.weightsManager = root.newSubManager();
            this.patchWeight = load(weights, "patch_embed.proj.weight");
            this.patchBias = load(weights, "patch_embed.proj.bias");
            for (int i = 0; i < DEPTH; i++) {
                String b = "blocks." + i + ".";
                blocks[i] = new BlockWeights(load(weights, b + "norm1.weight"), load(weights, b + "norm1.bias"),
                        load(weights, b + "attn.qkv.weight"), load(weights, b + "attn.proj.weight"),
                        load(weights, b + "attn.proj.bias"), load(weights, b + "gamma_1"),
                        load(weights, b + "norm2.weight"), load(weights, b + "norm2.bias"),
                        load(weights, b + "mlp.fc1_g.weight"), load(weights, b + "mlp.fc1_g.bias"),
                        load(weights, b + "mlp.fc1_x.weight"), load(weights, b + "mlp.fc1_x.bias"),
                        load(weights, b + "mlp.fc2.weight"), load(weights, b + "mlp.fc2.bias"),
                        load(weights, b + "gamma_2"));
            }
            this.normWeight = load(weights, "norm.weight");
            this.normBias = load(weights, "norm.bias");
            weightsManager.cap();
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private NDArray load(Map<String, Tensor> weights, String name) {
        return VitOps.load(weightsManager, weights, name);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int padding() {
        return 0;
    }

    @Override
    public int patchSize() {
        return PATCH;
    }

    @Override
    public int inputChannels() {
        return 3;
    }

    @Override
    public boolean rgbInput() {
        return true;
    }

    @Override
    public NormMode normMode() {
        return NormMode.IMAGENET;
    }

    @Override
    public boolean patchedOutput() {
        return true;
    }

    /** False: convpaint converts the tokens to numpy. */
    @Override
    public boolean torchOutput() {
        return false;
    }

    @Override
    public int featuresPerSeries() {
        return EMBED;
    }

    /** Never: every token attends to the whole plane (and the rotary coordinates are relative to it). */
    @Override
    public boolean tileable(int depth, int paddedHeight, int paddedWidth, List<Integer> scalings) {
        return false;
    }

    /** For tests: score-matrix bytes up to which attention is batched (0 = head by head, one query row at a time). */
    void setAttentionBatchBytes(long bytes) {
        this.attentionBatchBytes = bytes;
    }

    /**
     * The rotary embedding of a {@code gridH × gridW} token grid as timm's {@code RotaryEmbeddingDinoV3} computes
     * it in float32 (normalize_coords 'separate', grid 'ij', rotate-half layout, no augmentation): token
     * {@code i = y·gridW + x} has coordinates {@code (2·(y+0.5)/gridH − 1, 2·(x+0.5)/gridW − 1)}, periods
     * {@code 100^(j/16)} for j &lt; 16, angles {@code 2π·coord/period} ordered [16 for y, 16 for x] and tiled twice.
     *
     * @return {sin, cos}, each [gridH·gridW, 64] row-major (new arrays)
     */
    public static float[][] rotaryEmbedding(int gridH, int gridW) {
        if (gridH < 1 || gridW < 1) {
            throw new IllegalArgumentException("empty token grid " + gridH + "x" + gridW);
        }
        int periodsPerAxis = HEAD_DIM / 4;
        float[] periods = new float[periodsPerAxis];
        for (int j = 0; j < periodsPerAxis; j++) {
            float exponent = 2f * j / (HEAD_DIM / 2);
            periods[j] = (float) Math.pow(ROPE_TEMPERATURE, exponent);
        }
        float twoPi = (float) (2 * Math.PI);
        int n = gridH * gridW;
        float[] sin = new float[n * HEAD_DIM];
        float[] cos = new float[n * HEAD_DIM];
        float[] angles = new float[HALF];
        for (int y = 0; y < gridH; y++) {
            float cy = 2f * ((y + 0.5f) / gridH) - 1f;
            for (int x = 0; x < gridW; x++) {
                float cx = 2f * ((x + 0.5f) / gridW) - 1f;
                for (int j = 0; j < periodsPerAxis; j++) {
                    angles[j] = twoPi * cy / periods[j];
                    angles[periodsPerAxis + j] = twoPi * cx / periods[j];
                }
                int base = (y * gridW + x) * HEAD_DIM;
                for (int j = 0; j < HALF; j++) {
                    float s = (float) Math.sin(angles[j]);
                    float c = (float) Math.cos(angles[j]);
                    sin[base + j] = s;
                    sin[base + HALF + j] = s;
                    cos[base + j] = c;
                    cos[base + HALF + j] = c;
                }
            }
        }
        return new float[][] {sin, cos};
    }

    private float[][] cachedRotaryEmbedding(int gridH, int gridW) {
        if (gridH != cachedGridH || gridW != cachedGridW) {
            cachedRope = rotaryEmbedding(gridH, gridW);
            cachedGridH = gridH;
            cachedGridW = gridW;
        }
        return cachedRope;
    }

    /**
     * @param series [3, Z, H, W], H and W positive multiples of 16; values are cast to float32
     * @return one block [384, Z, H/16, W/16] of float32 features
     */
    @Override
    public List<FeatureMaps> extract(ImageStack series) {
        int[] grid = VitOps.tokenGrid(series, PATCH, "DINOv3");
        int z = series.depth();
        int n = grid[0] * grid[1];
        float[][] rope = cachedRotaryEmbedding(grid[0], grid[1]);
        try (NDManager scope = root.newSubManager()) {
            NDArray sin = scope.create(rope[0], new Shape(n, HEAD_DIM));
            NDArray cos = scope.create(rope[1], new Shape(n, HEAD_DIM));
            NDArray x = VitOps.blocks(scope, embed(scope, series, n), DEPTH,
                    (i, in) -> block(in, blocks[i], sin, cos, z, PREFIX + n));
            return VitOps.patchFeatures(x, PREFIX, normWeight, normBias, LN_EPS, grid[0], grid[1]);
        }
    }

    /** Patch embedding with cls and register tokens in front: [Z, 5 + N, 384]. */
    private NDArray embed(NDManager scope, ImageStack series, int n) {
        int z = series.depth();
        NDArray img = scope.create(series.toBatchFloats(), new Shape(z, 3, series.height(), series.width()));
        NDArray conv = Conv2d.conv2d(img, patchWeight, patchBias, new Shape(PATCH, PATCH), new Shape(0, 0),
                new Shape(1, 1), 1).singletonOrThrow(); // [Z, 384, h, w]
        NDArray patches = conv.reshape(z, EMBED, n).transpose(0, 2, 1); // [Z, N, 384]
        float[] head = new float[z * PREFIX * EMBED];
        for (int p = 0; p < z; p++) {
            int base = p * PREFIX * EMBED;
            System.arraycopy(cls, 0, head, base, EMBED);
            System.arraycopy(registers, 0, head, base + EMBED, REGISTERS * EMBED);
        }
        NDArray prefix = scope.create(head, new Shape(z, PREFIX, EMBED));
        return NDArrays.concat(new NDList(prefix, patches), 1);
    }

    /** One pre-norm block on x [Z, T, 384]; intermediates live in x's manager. */
    private NDArray block(NDArray x, BlockWeights b, NDArray sin, NDArray cos, int z, int t) {
        NDManager bm = x.getManager();
        NDArray y = LayerNorm.layerNorm(x, new Shape(EMBED), b.norm1W(), b.norm1B(), LN_EPS).singletonOrThrow();
        NDArray qkv = Linear.linear(y, b.qkvW()).singletonOrThrow() // [Z, T, 3·384]
                .reshape(z, t, 3, HEADS, HEAD_DIM).transpose(2, 0, 3, 1, 4); // [3, Z, heads, T, 64]
        NDArray q = rotate(qkv.get(0), sin, cos).mul(QK_SCALE);
        NDArray k = rotate(qkv.get(1), sin, cos);
        NDArray v = qkv.get(2);
        NDArray att = VitOps.attention(q, k, v, bm, attentionBatchBytes); // [Z, heads, T, 64]
        NDArray merged = att.transpose(0, 2, 1, 3).reshape(z, t, EMBED);
        NDArray proj = Linear.linear(merged, b.projW(), b.projB()).singletonOrThrow();
        NDArray x1 = x.add(proj.mul(b.gamma1())); // the weights' manager is capped: the result must be proj's
        NDArray y2 = LayerNorm.layerNorm(x1, new Shape(EMBED), b.norm2W(), b.norm2B(), LN_EPS).singletonOrThrow();
        NDArray gate = Linear.linear(y2, b.fc1gW(), b.fc1gB()).singletonOrThrow();
        NDArray value = Linear.linear(y2, b.fc1xW(), b.fc1xB()).singletonOrThrow();
        NDArray hidden = gate.mul(Activation.sigmoid(gate)).mul(value); // silu(gate) · value
        NDArray mlp = Linear.linear(hidden, b.fc2W(), b.fc2B()).singletonOrThrow();
        return x1.add(mlp.mul(b.gamma2()));
    }

    /**
     * timm's {@code apply_rot_embed_cat(·, half=True)} on the patch tokens of a [Z, heads, T, 64] query or key:
     * {@code x·cos + rotate_half(x)·sin} with {@code rotate_half(x) = [−x[32:], x[:32]]}; prefix tokens unchanged.
     */
    private static NDArray rotate(NDArray a, NDArray sin, NDArray cos) {
        NDArray prefix = a.get(new NDIndex(":, :, :" + PREFIX + ", :"));
        NDArray tokens = a.get(new NDIndex(":, :, " + PREFIX + ":, :"));
        NDArray first = tokens.get(new NDIndex("..., :" + HALF));
        NDArray second = tokens.get(new NDIndex("..., " + HALF + ":"));
        NDArray half = NDArrays.concat(new NDList(second.neg(), first), -1);
        NDArray rotated = tokens.mul(cos).add(half.mul(sin));
        return NDArrays.concat(new NDList(prefix, rotated), 2);
    }

    @Override
    public void close() {
        root.close();
    }
}

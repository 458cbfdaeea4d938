package org.convpaint.features.dino;

import static org.convpaint.features.dino.Dinov2StateDict.DEPTH;
import static org.convpaint.features.dino.Dinov2StateDict.EMBED;
import static org.convpaint.features.dino.Dinov2StateDict.GRID;
import static org.convpaint.features.dino.Dinov2StateDict.HEADS;
import static org.convpaint.features.dino.Dinov2StateDict.HEAD_DIM;
import static org.convpaint.features.dino.Dinov2StateDict.PATCH;
import static org.convpaint.features.dino.Dinov2StateDict.REGISTERS;

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
import org.convpaint.image.ImageStack;
import org.convpaint.features.NormMode;
import org.convpaint.weights.Tensor;

/**
 * convpaint's {@code dinov2_small-reg} extractor ({@code Dinov2Features}): DINOv2 ViT-S/14 with 4 register tokens,
 * {@code forward_features(x)['x_norm_patchtokens']} of a [Z, 3, H, W] float32 batch (H, W multiples of 14; every
 * plane attends only within itself), returned as one block [384, Z, H/14, W/14] (tokens row-major).
 *
 * <p>Forward pass (dinov2 commit b8931f7, hub entry {@code dinov2_vits14_reg}): 14×14/14 patch convolution; cls
 * token prepended; position embedding added to [cls, patches] — the learned 37×37 grid as is when the token grid
 * is 37×37, else resized with anti-aliased bicubic interpolation ({@link AntialiasedBicubic}, bit-exact with torch
 * 1.13) — then the 4 register tokens inserted after cls; 12 pre-norm blocks (LayerNorm eps 1e-6 → qkv → 6 heads ×
 * 64, {@code softmax(q·0.125 · kᵀ) · v} → proj → × ls1.gamma → residual; LayerNorm → fc1 → exact (erf) GELU → fc2 →
 * × ls2.gamma → residual); final LayerNorm; cls and registers dropped. The transformer runs on DJL/PyTorch with the
 * same float32 operations as the reference (linear = addmm, matmul, softmax, layer_norm, gelu); the results differ
 * from torch 1.13's only by float32 rounding (BLAS reduction order).
 *
 * <p>Attention over all tokens of a plane is computed at once for all planes and heads when the score matrices take
 * at most 128 MiB, else head by head (a 1036×1036 plane has 5481 tokens: 120 MB of scores per head; about 11 s on
 * two cores). Holds the weights as native tensors (88 MB): {@link #close()} it. Not thread-safe; use one instance
 * per thread (libtorch already uses all cores inside one call).
 */
public final class Dinov2Features implements FeatureExtractor {
    /** convpaint's name of this extractor. */
    public static final String NAME = "dinov2_small-reg";

    private static final float LN_EPS = 1e-6f;
    private static final float QK_SCALE = 0.125f; // 64 ** -0.5, exact

    private final NDManager root;
    private final NDManager weightsManager;
    private final float[] posEmbed;
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
    private float[] cachedPos;

    /** One transformer block's parameters. */
    private record BlockWeights(NDArray norm1W, NDArray norm1B, NDArray qkvW, NDArray qkvB, NDArray projW,
            NDArray projB, NDArray ls1, NDArray norm2W, NDArray norm2B, NDArray fc1W, NDArray fc1B, NDArray fc2W,
            NDArray fc2B, NDArray ls2) {
    }

    /**
     * @param weights the hub model's state dict (see {@link Dinov2StateDict}); arrays are copied to native memory
     * @param device  where to compute
     * @throws IllegalArgumentException if a tensor is missing or misshaped (the message names it)
     */
    public Dinov2Features(Map<String, Tensor> weights, Device device) {
        Dinov2StateDict.validate(weights);
        this.posEmbed = weights.get("pos_embed").data();
        this.cls = weights.get("cls_token").data();
        this.registers = weights.get("register_tokens").data();
        this.root = NDManager.newBaseManager(device, Engine.getEngine("PyTorch").getEngineName());
        try {
            this.weightsManager = root.newSubManager();
            this.patchWeight = load(weights, "patch_embed.proj.weight");
            this.patchBias = load(weights, "patch_embed.proj.bias");
            for (int i = 0; i < DEPTH; i++) {
                String b = "blocks." + i + ".";
                blocks[i] = new BlockWeights(load(weights, b + "norm1.weight"), load(weights, b + "norm1.bias"),
                        load(weights, b + "attn.qkv.weight"), load(weights, b + "attn.qkv.bias"),
                        load(weights, b + "attn.proj.weight"), load(weights, b + "attn.proj.bias"),
                        load(weights, b + "ls1.gamma"), load(weights, b + "norm2.weight"),
                        load(weights, b + "norm2.bias"), load(weights, b + "mlp.fc1.weight"),
                        load(weights, b + "mlp.fc1.bias"), load(weights, b + "mlp.fc2.weight"),
                        load(weights, b + "mlp.fc2.bias"), load(weights, b + "ls2.gamma"));
            }
            this.normWeight = load(weights, "norm.weight");
            this.normBias = load(weights, "norm.bias");
            // anything an operation would attach here by mistake (a leak per call) now fails loudly
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

    /** False: convpaint converts the tokens to numpy (combos resize them with skimage). */
    @Override
    public boolean torchOutput() {
        return false;
    }

    @Override
    public int featuresPerSeries() {
        return EMBED;
    }

    /** Never: every token attends to the whole plane. */
    @Override
    public boolean tileable(int depth, int paddedHeight, int paddedWidth, List<Integer> scalings) {
        return false;
    }

    /** For tests: score-matrix bytes up to which attention is batched (0 = head by head, one query row at a time). */
    void setAttentionBatchBytes(long bytes) {
        this.attentionBatchBytes = bytes;
    }

    /** The device the network runs on. */
    public Device device() {
        return root.getDevice();
    }

    /**
     * The position embedding the model adds for a {@code gridH × gridW} token grid, [1 + gridH·gridW, 384]
     * (cls first, then the patches row-major): the learned table itself for 37×37, else its 37×37 patch part
     * resized with anti-aliased bicubic interpolation. Same as dinov2's {@code interpolate_pos_encoding}.
     *
     * @return a new array
     */
    public float[] positionEmbedding(int gridH, int gridW) {
        if (gridH < 1 || gridW < 1) {
            throw new IllegalArgumentException("empty token grid " + gridH + "x" + gridW);
        }
        if (gridH == GRID && gridW == GRID) {
            return posEmbed.clone();
        }
        float[] patches = new float[GRID * GRID * EMBED];
        System.arraycopy(posEmbed, EMBED, patches, 0, patches.length);
        float[] resized = AntialiasedBicubic.resizeChannelsLast(patches, GRID, GRID, EMBED, gridH, gridW);
        float[] out = new float[EMBED + resized.length];
        System.arraycopy(posEmbed, 0, out, 0, EMBED);
        System.arraycopy(resized, 0, out, EMBED, resized.length);
        return out;
    }

    private float[] cachedPositionEmbedding(int gridH, int gridW) {
        if (gridH != cachedGridH || gridW != cachedGridW) {
            cachedPos = positionEmbedding(gridH, gridW);
            cachedGridH = gridH;
            cachedGridW = gridW;
        }
        return cachedPos;
    }

    /**
     * @param series [3, Z, H, W], H and W positive multiples of 14; values are cast to float32
     * @return one block [384, Z, H/14, W/14] of float32 features
     */
    @Override
    public List<FeatureMaps> extract(ImageStack series) {
        int[] grid = VitOps.tokenGrid(series, PATCH, "DINOv2");
        int z = series.depth();
        int n = grid[0] * grid[1];
        float[] pos = cachedPositionEmbedding(grid[0], grid[1]);
        try (NDManager scope = root.newSubManager()) {
            NDArray x = VitOps.blocks(scope, embed(scope, series, pos, n), DEPTH,
                    (i, in) -> block(in, blocks[i], in.getManager(), z, 1 + REGISTERS + n));
            return VitOps.patchFeatures(x, 1 + REGISTERS, normWeight, normBias, LN_EPS, grid[0], grid[1]);
        }
    }

    /** Patch embedding, cls token, position embedding and registers: [Z, 1 + 4 + N, 384]. */
    private NDArray embed(NDManager scope, ImageStack series, float[] pos, int n) {
        int z = series.depth();
        NDArray img = scope.create(series.toBatchFloats(), new Shape(z, 3, series.height(), series.width()));
        NDArray conv = Conv2d.conv2d(img, patchWeight, patchBias, new Shape(PATCH, PATCH), new Shape(0, 0),
                new Shape(1, 1), 1).singletonOrThrow(); // [Z, 384, h, w]
        NDArray patches = conv.reshape(z, EMBED, n).transpose(0, 2, 1); // [Z, N, 384]
        float[] patchPos = new float[n * EMBED];
        System.arraycopy(pos, EMBED, patchPos, 0, patchPos.length);
        NDArray withPos = patches.add(scope.create(patchPos, new Shape(1, n, EMBED)));
        float[] head = new float[z * (1 + REGISTERS) * EMBED];
        for (int p = 0; p < z; p++) {
            int base = p * (1 + REGISTERS) * EMBED;
            for (int c = 0; c < EMBED; c++) {
                head[base + c] = cls[c] + pos[c];
            }
            System.arraycopy(registers, 0, head, base + EMBED, REGISTERS * EMBED);
        }
        NDArray prefix = scope.create(head, new Shape(z, 1 + REGISTERS, EMBED));
        return NDArrays.concat(new NDList(prefix, withPos), 1);
    }

    /** One pre-norm transformer block on x [Z, T, 384]; intermediates live in {@code bm}. */
    private NDArray block(NDArray x, BlockWeights b, NDManager bm, int z, int t) {
        NDArray y = LayerNorm.layerNorm(x, new Shape(EMBED), b.norm1W(), b.norm1B(), LN_EPS).singletonOrThrow();
        NDArray qkv = Linear.linear(y, b.qkvW(), b.qkvB()).singletonOrThrow() // [Z, T, 3·384]
                .reshape(z, t, 3, HEADS, HEAD_DIM).transpose(2, 0, 3, 1, 4); // [3, Z, heads, T, 64]
        NDArray q = qkv.get(0).mul(QK_SCALE);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray att = VitOps.attention(q, k, v, bm, attentionBatchBytes); // [Z, heads, T, 64]
        NDArray merged = att.transpose(0, 2, 1, 3).reshape(z, t, EMBED);
        NDArray proj = Linear.linear(merged, b.projW(), b.projB()).singletonOrThrow();
        NDArray x1 = x.add(proj.mul(b.ls1()));
        NDArray y2 = LayerNorm.layerNorm(x1, new Shape(EMBED), b.norm2W(), b.norm2B(), LN_EPS).singletonOrThrow();
        NDArray hidden = Activation.gelu(Linear.linear(y2, b.fc1W(), b.fc1B()).singletonOrThrow());
        NDArray mlp = Linear.linear(hidden, b.fc2W(), b.fc2B()).singletonOrThrow();
        return x1.add(mlp.mul(b.ls2()));
    }

    @Override
    public void close() {
        root.close();
    }
}

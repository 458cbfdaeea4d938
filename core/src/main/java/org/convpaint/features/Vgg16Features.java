package org.convpaint.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

import org.convpaint.image.ImageStack;
import org.convpaint.weights.Tensor;

/**
 * convpaint's {@code vgg16} Hookmodel: torchvision VGG16 {@code features} run up to the last selected layer,
 * returning one block per selected layer reached, in execution order. The first convolution runs in Java
 * ({@link FirstConvolution}, bit-exact and independent of the image size; for small single images in the order of
 * torch's native path); deeper layers on DJL/PyTorch. The hook on the last selected layer stops the forward pass,
 * so its output is the raw convolution; every other selected layer's output is seen after the in-place ReLU that
 * follows it (convpaint's quirk). Input: a 3-channel series [3, Z, H, W] (Z is
 * the batch), cast to float32.
 *
 * <p>The PyTorch engine is started only when needed — for layers after {@code features.0}, or for the first
 * convolution of images of fewer than {@value FirstConvolution#GEMM_MIN_PIXELS} pixels (at some scaling) — so a
 * {@code features.0} model runs without loading libtorch. Then holds the weights as native tensors:
 * {@link #close()} it. Not thread-safe; use one instance per thread.
 */
public final class Vgg16Features implements FeatureExtractor {
    private final List<Integer> selected;
    private final int stop;
    private final int padding;
    private final int stride;
    private final Device device;
    /** Weights of the layers after {@code features.0}, until they move to {@link #manager}. */
    private final Map<Integer, Tensor[]> deeper = new java.util.HashMap<>();
    private final Map<Integer, NDArray[]> params = new java.util.HashMap<>();
    private NDManager manager;
    private final float[] firstWeight;
    private final float[] firstBias;

    /**
     * @param layers  selected layers as {@code features.N}, in model order
     * @param weights state dict tensors; keys {@code features.N.weight/bias} (or {@code N.weight/bias})
     * @param device  where to compute
     * @throws IllegalArgumentException if a layer is not a VGG16 convolution or a weight is missing or misshaped
     */
    public Vgg16Features(List<String> layers, Map<String, Tensor> weights, Device device) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("the model selects no VGG16 layer");
        }
        List<Integer> idx = new ArrayList<>();
        for (String l : layers) {
            idx.add(Vgg16Network.convIndex(l));
        }
        this.selected = List.copyOf(idx);
        this.stop = idx.get(idx.size() - 1);
        int[] rfStride = Vgg16Network.receptiveFieldAndStride(stop);
        this.padding = rfStride[0] / 2;
        this.stride = rfStride[1];
        Tensor w0 = find(weights, 0, "weight");
        Tensor b0 = find(weights, 0, "bias");
        check(w0, Vgg16Network.weightShape(0));
        check(b0, Vgg16Network.biasShape(0));
        this.firstWeight = w0.data();
        this.firstBias = b0.data();
        this.device = device;
        for (int i = 2; i <= stop; i++) {
            if (Vgg16Network.MODULES.get(i) == Vgg16Network.Kind.CONV) {
                Tensor w = find(weights, i, "weight");
                Tensor b = find(weights, i, "bias");
                check(w, Vgg16Network.weightShape(i));
                check(b, Vgg16Network.biasShape(i));
                deeper.put(i, new Tensor[] {w, b});
            }
        }
    }

    /**
     * The shape VGG16 needs for a state-dict tensor name: {@code features.N.weight} {@code [out, in, 3, 3]} and
     * {@code features.N.bias} {@code [out]} for the convolutions N (also named {@code N.weight/bias}); null for any
     * other name (such tensors are not used). For {@link org.convpaint.weights.TorchWeights#read(java.nio.file.Path,
     * java.util.function.Predicate, java.util.function.Function)}.
     */
    public static int[] expectedShape(String tensorName) {
        return Vgg16Network.expectedShape(tensorName);
    }

    /** The native side, created on first use: the engine's manager with the deeper layers' weights. */
    private NDManager manager() {
        if (manager == null) {
            NDManager m = engineManager(device);
            try {
                for (Map.Entry<Integer, Tensor[]> e : deeper.entrySet()) {
                    Tensor w = e.getValue()[0];
                    Tensor b = e.getValue()[1];
                    params.put(e.getKey(), new NDArray[] {m.create(w.data(), new Shape(toLongs(w.shape()))),
                        m.create(b.data(), new Shape(toLongs(b.shape())))});
                }
            } catch (RuntimeException e) {
                m.close();
                params.clear();
                throw e;
            }
            manager = m;
        }
        return manager;
    }

    /** A base manager of the PyTorch engine, started with the engine's class loader as context (OSGi). */
    private static NDManager engineManager(Device device) {
        return DjlRuntime.withEngineClassLoader(
                () -> NDManager.newBaseManager(device, Engine.getEngine("PyTorch").getEngineName()));
    }

    private static long[] toLongs(int[] shape) {
        long[] s = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            s[i] = shape[i];
        }
        return s;
    }

    private static Tensor find(Map<String, Tensor> weights, int idx, String kind) {
        Tensor t = weights.get("features." + idx + "." + kind);
        if (t == null) {
            t = weights.get(idx + "." + kind);
        }
        if (t == null) {
            throw new IllegalArgumentException("the weights contain no tensor 'features." + idx + "." + kind
                    + "' (VGG16 layer features." + idx + ")");
        }
        return t;
    }

    private static void check(Tensor t, int[] shape) {
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' has shape "
                    + java.util.Arrays.toString(t.shape()) + ", VGG16 needs " + java.util.Arrays.toString(shape));
        }
    }

    @Override
    public String name() {
        return "vgg16";
    }

    @Override
    public int padding() {
        return padding;
    }

    @Override
    public int patchSize() {
        return stride;
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
    public boolean torchOutput() {
        return true;
    }

    @Override
    public List<Integer> featuresPerLayer() {
        return selected.stream().map(Vgg16Network::outChannels).toList();
    }

    @Override
    public int featuresPerSeries() {
        int n = 0;
        for (int i : selected) {
            if (i <= stop) {
                n += Vgg16Network.outChannels(i);
            }
        }
        return n;
    }

    /** The device the network runs on. */
    public Device device() {
        return device;
    }

    /**
     * torch calls oneDNN (whose order {@link FirstConvolution} reproduces) unless the batch is 1 and the input has
     * at most 20480 values ({@code use_mkldnn} in ATen); below that its native im2col path rounds differently.
     */
    static boolean torchUsesNative(int depth, int height, int width) {
        return depth == 1 && 3L * height * width <= 20480;
    }

    @Override
    public boolean tileable(int depth, int paddedHeight, int paddedWidth, List<Integer> scalings) {
        for (int s : scalings) {
            if (torchUsesNative(depth, paddedHeight / s, paddedWidth / s)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<FeatureMaps> extract(ImageStack series) {
        return extract(series, series.depth(), series.height(), series.width());
    }

    @Override
    public List<FeatureMaps> extract(ImageStack series, int wholeDepth, int wholeHeight, int wholeWidth) {
        float[] input = input(series);
        int z = series.depth();
        int h = series.height();
        int w = series.width();
        List<FeatureMaps> out = new ArrayList<>();
        FirstConvolution.Order order = firstOrder(wholeDepth, wholeHeight, wholeWidth, h, w);
        float[] first = order != null ? FirstConvolution.apply(input, z, h, w, firstWeight, firstBias, order)
                : nativeFirst(input, z, h, w);
        if (stop == 0) {
            out.add(toMaps(first, z, FirstConvolution.OUT, h, w));
            return out;
        }
        for (int i = 0; i < first.length; i++) {
            first[i] = Math.max(first[i], 0f);
        }
        if (selected.contains(0)) {
            out.add(toMaps(first.clone(), z, FirstConvolution.OUT, h, w));
        }
        try (NDManager scope = manager().newSubManager()) {
            NDArray x = scope.create(first, new Shape(z, FirstConvolution.OUT, h, w));
            boolean captureAfterRelu = false;
            for (int i = 2; i <= stop; i++) {
                switch (Vgg16Network.MODULES.get(i)) {
                    case CONV -> {
                        NDArray[] wb = params.get(i);
                        x = Conv2d.conv2d(x, wb[0], wb[1], new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                                .singletonOrThrow();
                        if (i == stop) {
                            out.add(toMaps(x));
                        } else {
                            captureAfterRelu = selected.contains(i);
                        }
                    }
                    case RELU -> {
                        x = Activation.relu(x);
                        if (captureAfterRelu) {
                            out.add(toMaps(x));
                            captureAfterRelu = false;
                        }
                    }
                    case POOL -> x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
                    default -> throw new IllegalStateException();
                }
            }
        }
        return out;
    }

    /** A model of {@code features.0} alone on one plane: the first convolution straight into {@code dst}. */
    @Override
    public boolean extractInto(ImageStack series, int wholeDepth, int wholeHeight, int wholeWidth, int count,
            float[] dst, int offset) {
        int h = series.height();
        int w = series.width();
        FirstConvolution.Order order = firstOrder(wholeDepth, wholeHeight, wholeWidth, h, w);
        if (stop != 0 || series.depth() != 1 || series.channels() != 3 || count != FirstConvolution.OUT
                || order == null) {
            return false;
        }
        FirstConvolution.apply(input(series), 1, h, w, firstWeight, firstBias, order, dst, offset);
        return true;
    }

    /** The series as float32 [Z, 3, H, W], the network's input. */
    private static float[] input(ImageStack series) {
        if (series.channels() != 3) {
            throw new IllegalArgumentException("VGG16 takes 3 channels, got " + series.channels());
        }
        return series.toBatchFloats();
    }

    /**
     * The order of the Java first convolution that reproduces torch on a window of {@code h × w} of a whole image
     * of that size, or null where only libtorch itself does (its native path for under
     * {@value FirstConvolution#GEMM_MIN_PIXELS} pixels).
     */
    private static FirstConvolution.Order firstOrder(int wholeDepth, int wholeHeight, int wholeWidth, int h, int w) {
        if (!torchUsesNative(wholeDepth, wholeHeight, wholeWidth)) {
            return FirstConvolution.Order.ONEDNN;
        }
        return h * w >= FirstConvolution.GEMM_MIN_PIXELS ? FirstConvolution.Order.GEMM : null;
    }

    /** The first convolution by libtorch itself (its native path for small inputs). */
    private float[] nativeFirst(float[] input, int z, int h, int w) {
        try (NDManager scope = manager().newSubManager()) {
            NDArray x = scope.create(input, new Shape(z, 3, h, w));
            NDArray wt = scope.create(firstWeight, new Shape(FirstConvolution.OUT, 3, 3, 3));
            NDArray b = scope.create(firstBias, new Shape(FirstConvolution.OUT));
            return Conv2d.conv2d(x, wt, b, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                    .singletonOrThrow().toFloatArray();
        }
    }

    /** [Z, F, h, w] values → [F, Z, h, w] maps. */
    private static FeatureMaps toMaps(float[] zf, int z, int f, int h, int w) {
        if (z == 1) {
            return FeatureMaps.ofFloats(f, 1, h, w, zf);
        }
        int plane = h * w;
        float[] out = new float[zf.length];
        for (int p = 0; p < z; p++) {
            for (int c = 0; c < f; c++) {
                System.arraycopy(zf, (p * f + c) * plane, out, (c * z + p) * plane, plane);
            }
        }
        return FeatureMaps.ofFloats(f, z, h, w, out);
    }

    /** [Z, F, h, w] tensor → [F, Z, h, w] maps. */
    private static FeatureMaps toMaps(NDArray x) {
        long[] s = x.getShape().getShape();
        float[] values = x.transpose(1, 0, 2, 3).toFloatArray();
        return FeatureMaps.ofFloats((int) s[1], (int) s[0], (int) s[2], (int) s[3], values);
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }
}

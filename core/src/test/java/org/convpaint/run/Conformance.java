package org.convpaint.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;

import org.convpaint.axes.AxesResolver;
import org.convpaint.features.WeightsLocator;
import org.convpaint.io.TiffImageSource;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.pipeline.StoragePolicy;
import org.convpaint.pipeline.TileSettings;
import org.convpaint.testing.Fixtures;

/** Runs one fixture case through {@link ImagePredictor} the way the command line does, collecting the output. */
final class Conformance {
    private Conformance() {
    }

    /** Labels of all timepoints concatenated, and probabilities as (K, ...spatial) with T on axis 1. */
    record Output(int[] labels, double[] probabilities, int classes) {
    }

    /** Weights for the fixture model (the random-weight files shipped with the fixtures). */
    static WeightsLocator weightsFor(String model) {
        Path root = Fixtures.root();
        List<Path> files = new ArrayList<>();
        Path vgg = root.resolve("models/" + model + "_vgg16_features.pth");
        if (vgg.toFile().isFile()) {
            files.add(vgg);
        }
        String fe = Fixtures.model(model).getAsJsonObject("param").get("fe_name").getAsString();
        if (fe.contains("dinov3")) {
            files.add(root.resolve("models/vit_small_plus_patch16_dinov3_lvd1689m_random.safetensors"));
        } else if (fe.contains("dino")) {
            files.add(root.resolve("models/dinov2_vits14_reg_random.pth"));
        }
        return new WeightsLocator(files, java.util.Map.of(), Path.of("/nonexistent-home"));
    }

    static Output run(JsonObject c, OutputType type, int background, boolean probabilities) throws Exception {
        return run(c, type, background, probabilities, TileSettings.automatic(), StoragePolicy.automatic(), 2);
    }

    static Output run(JsonObject c, OutputType type, int background, boolean probabilities, TileSettings tiles,
            StoragePolicy storage, int threads) throws Exception {
        Path root = Fixtures.root();
        String model = c.get("model").getAsString();
        int ds = c.getAsJsonObject("params").get("image_downsample").getAsInt();
        PredictionOptions o = new PredictionOptions(ds, type, background, probabilities, true, threads, tiles,
                storage);
        List<int[]> labels = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        int[] classes = {0};
        try (ImagePredictor p = ImagePredictor.open(root.resolve(c.get("model_pkl").getAsString()),
                weightsFor(model), o, w -> { })) {
            TiffReader reader = TiffReader.open(root.resolve(c.get("image_file").getAsString()));
            String axes = AxesResolver.resolve(TiffImageSource.shapeOf(reader),
                    reader.axes(), null, p.model().params().channelMode(),
                    p.modelChannels()).axes();
            try (TiffImageSource src = TiffImageSource.of(reader, null, axes)) {
                p.predict(src, null, (t, l, seg) -> {
                    labels.add(l.toArray().clone());
                    if (probabilities) {
                        probs.add(seg.probabilities().array());
                        classes[0] = seg.probabilities().shape().channels();
                    }
                }, ProgressMonitor.NONE);
            }
        }
        int per = labels.get(0).length;
        int[] all = new int[per * labels.size()];
        for (int t = 0; t < labels.size(); t++) {
            System.arraycopy(labels.get(t), 0, all, t * per, per);
        }
        double[] pr = null;
        if (probabilities) {
            int k = classes[0];
            int frames = probs.size();
            pr = new double[k * per * frames];
            for (int t = 0; t < frames; t++) {
                for (int cl = 0; cl < k; cl++) {
                    System.arraycopy(probs.get(t), cl * per, pr, (cl * frames + t) * per, per);
                }
            }
        }
        return new Output(all, pr, classes[0]);
    }
}

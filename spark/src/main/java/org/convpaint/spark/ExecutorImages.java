package org.convpaint.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.spark.SparkFiles;
import org.convpaint.ConvpaintException;
import org.convpaint.features.WeightsLocator;
import org.convpaint.pipeline.BlockwisePrediction;
import org.convpaint.pipeline.Normalization;
import org.convpaint.run.BlockwiseImage;
import org.convpaint.run.InputRequest;

/**
 * Each executor's opened models and inputs, shipped as a broadcast value: its copy on an executor opens the model
 * and the input once per concurrently running task (a model and its extractor serve one task at a time) and keeps
 * them for the following tasks, with each timepoint's plan. Thread-safe.
 */
final class ExecutorImages implements Serializable {
    private static final long serialVersionUID = 1L;

    private final JobSettings settings;
    private transient Queue<Opened> idle;

    ExecutorImages(JobSettings settings) {
        this.settings = settings;
    }

    JobSettings settings() {
        return settings;
    }

    /** A model and input this task uses alone until {@link Opened#close()} gives them back. */
    synchronized Opened lease() throws ConvpaintException {
        if (idle == null) {
            idle = new ConcurrentLinkedQueue<>();
        }
        Opened o = idle.poll();
        return o != null ? o : new Opened(open(settings), this);
    }

    private void giveBack(Opened o) {
        idle.add(o);
    }

    /** Opens the model and input of {@code s} in this process (files shipped with the job found by name). */
    static BlockwiseImage open(JobSettings s) throws ConvpaintException {
        java.util.List<Path> weights = new ArrayList<>();
        for (String w : s.weights()) {
            weights.add(shipped(w));
        }
        return BlockwiseImage.open(shipped(s.model()), WeightsLocator.fromEnvironment(weights), s.downsample(),
                s.cpu(), new InputRequest(Path.of(s.input()), s.axes(), s.level()), s.channels(), w -> { });
    }

    /** The shipped file of this name, or the name as a path where nothing was shipped (the driver, tests). */
    private static Path shipped(String name) {
        Path p = Path.of(name);
        if (p.isAbsolute() && Files.exists(p)) {
            return p;
        }
        return Path.of(SparkFiles.get(name));
    }

    /** An opened model and input with its timepoints' plans, leased to one task. */
    static final class Opened implements AutoCloseable {
        private final BlockwiseImage image;
        private final ExecutorImages owner;
        private final Map<Integer, BlockwisePrediction> plans = new ConcurrentHashMap<>();
        private final Map<Integer, Normalization> planned = new ConcurrentHashMap<>();

        private Opened(BlockwiseImage image, ExecutorImages owner) {
            this.image = image;
            this.owner = owner;
        }

        BlockwiseImage image() {
            return image;
        }

        /** Timepoint {@code t} planned with {@code norm} in blocks of {@code side} (kept for later tasks). */
        BlockwisePrediction plan(int t, Normalization norm, int side) throws ConvpaintException {
            BlockwisePrediction p = plans.get(t);
            if (p == null || planned.get(t) != norm || p.blockSide() != side) {
                p = image.plan(t, norm, side);
                plans.put(t, p);
                planned.put(t, norm);
            }
            return p;
        }

        @Override
        public void close() {
            owner.giveBack(this);
        }
    }
}

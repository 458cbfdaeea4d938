package org.convpaint.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.convpaint.image.ImageStack;
import org.convpaint.image.PixelType;
import org.junit.jupiter.api.Test;

/** No GPU exists on CI machines, so the failing "GPU" is a Gaussian extractor made to throw like a CUDA error. */
class CpuFallbackExtractorTest {

    /** Fails every call, as a broken CUDA context does. */
    private static final class BrokenGpu implements FeatureExtractor {
        boolean closed;

        @Override
        public String name() {
            return "gaussian_features";
        }

        @Override
        public int padding() {
            return 12;
        }

        @Override
        public int patchSize() {
            return 1;
        }

        @Override
        public int inputChannels() {
            return 1;
        }

        @Override
        public boolean rgbInput() {
            return false;
        }

        @Override
        public NormMode normMode() {
            return NormMode.DEFAULT;
        }

        @Override
        public boolean torchOutput() {
            return false;
        }

        @Override
        public int featuresPerSeries() {
            return 1;
        }

        @Override
        public List<FeatureMaps> extract(ImageStack series) {
            throw new IllegalStateException("CUDA error: an illegal memory access was encountered");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aGpuFailureWarnsOnceAndTheCpuGivesTheResult() throws Exception {
        BrokenGpu gpu = new BrokenGpu();
        List<String> warnings = new ArrayList<>();
        CpuFallbackExtractor fe = new CpuFallbackExtractor(gpu, GaussianFeatures::new, warnings::add);
        ImageStack img = new ImageStack(1, 1, 30, 30, new double[900], PixelType.FLOAT64);
        List<FeatureMaps> first = fe.extract(img);
        List<FeatureMaps> second = fe.extract(img);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("CUDA error") && warnings.get(0).contains("CPU"), warnings.get(0));
        assertTrue(gpu.closed);
        assertTrue(fe.fellBack());
        assertEquals(new GaussianFeatures().extract(img).get(0).doubles().length, first.get(0).doubles().length);
        assertEquals(1, second.size());
    }

    @Test
    void aWorkingExtractorIsUsedAsIs() throws Exception {
        List<String> warnings = new ArrayList<>();
        CpuFallbackExtractor fe = new CpuFallbackExtractor(new GaussianFeatures(), () -> {
            throw new AssertionError("no fallback expected");
        }, warnings::add);
        fe.extract(new ImageStack(1, 1, 20, 20, new double[400], PixelType.FLOAT64));
        assertTrue(warnings.isEmpty());
        assertFalse(fe.fellBack());
    }
}

package org.convpaint.weights;

import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.convpaint.ConvpaintException;
import org.convpaint.features.Vgg16Features;
import org.convpaint.features.dino.Dinov2StateDict;
import org.convpaint.testing.FuzzFiles;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the {@code .pth} reader: any bytes either load or fail with one {@link ConvpaintException} whose
 * message is one line, read as every tensor (each capped at {@link #MAX_ELEMENTS}), as VGG16 weights and as DINOv2
 * weights (the extractors' expected shapes, then the DINOv2 state-dict validation, whose
 * {@link IllegalArgumentException} the loader turns into a model error). Anything else (another exception, an
 * error, a hang, memory exhaustion) is a finding. Runs over the seed corpus in {@code TorchWeightsFuzzTestInputs/}
 * in every build; {@code JAZZER_FUZZ=1} fuzzes (see the README's "Fuzzing" section).
 */
class TorchWeightsFuzzTest {
    /** Largest tensor the harness lets the generic read return, so that each execution stays small. */
    private static final int[] MAX_ELEMENTS = {1 << 16};

    @FuzzTest(maxDuration = "10m")
    @Timeout(10) // seconds per input, in regression and in fuzzing mode (Jazzer passes it to libFuzzer)
    void readerLoadsOrFailsWithOneLine(byte[] bytes) throws Exception {
        FuzzFiles.withFile(bytes, ".pth", file -> {
            loadsOrFailsWithOneLine(() -> TorchWeights.read(file, name -> true, name -> MAX_ELEMENTS));
            loadsOrFailsWithOneLine(() -> TorchWeights.read(file, name -> Vgg16Features.expectedShape(name) != null,
                    Vgg16Features::expectedShape));
            loadsOrFailsWithOneLine(() -> {
                Map<String, Tensor> t = TorchWeights.read(file, Dinov2StateDict.wanted(),
                        Dinov2StateDict::expectedShape);
                try {
                    Dinov2StateDict.validate(t);
                } catch (IllegalArgumentException e) {
                    oneLine(e.getMessage());
                }
                return t;
            });
        });
    }

    private interface Load {
        Map<String, Tensor> run() throws ConvpaintException;
    }

    private static void loadsOrFailsWithOneLine(Load load) {
        try {
            load.run();
        } catch (ConvpaintException expected) {
            oneLine(expected.getMessage());
        }
    }

    private static void oneLine(String message) {
        if (message == null || message.contains("\n") || message.contains("\r")) {
            throw new AssertionError("a message that is not one line: " + message);
        }
    }
}

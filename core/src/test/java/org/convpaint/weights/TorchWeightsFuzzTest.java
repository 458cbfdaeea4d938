package org.convpaint.weights;

import java.nio.file.Path;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.convpaint.ConvpaintException;
import org.convpaint.features.Vgg16Features;
import org.convpaint.features.dino.Dinov2StateDict;
import org.convpaint.features.dino.Dinov3StateDict;
import org.convpaint.features.dino.StateDictSpec;
import org.convpaint.testing.FuzzFiles;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the weights reader ({@code .pth} and {@code .safetensors}): any bytes either load or fail with one
 * {@link ConvpaintException} whose message is one line, read as every tensor (each capped at
 * {@link #MAX_ELEMENTS}), as VGG16 weights and as DINOv2 and DINOv3 weights (the extractors' expected shapes, then the state-dict validation, whose
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
            loadsOrFailsWithOneLine(() -> asTransformer(file, Dinov2StateDict.spec()));
            loadsOrFailsWithOneLine(() -> asTransformer(file, Dinov3StateDict.spec()));
        });
    }

    /** Read with the network's expected shapes, then validated as the loader does. */
    private static Map<String, Tensor> asTransformer(Path file, StateDictSpec spec) throws ConvpaintException {
        Map<String, Tensor> t = TorchWeights.read(file, spec.wanted(), spec::expectedShape);
        try {
            spec.validate(t, t.keySet());
        } catch (IllegalArgumentException e) {
            oneLine(e.getMessage());
        }
        return t;
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

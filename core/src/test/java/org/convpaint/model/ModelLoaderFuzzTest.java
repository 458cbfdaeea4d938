package org.convpaint.model;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.convpaint.ConvpaintException;
import org.convpaint.testing.FuzzFiles;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the model loader: any bytes either load as a model or fail with one {@link ConvpaintException}
 * whose message is one line of bounded length; anything else (another exception, an error such as
 * {@link StackOverflowError} or {@link OutOfMemoryError}, a hang) is a finding. Runs over the seed corpus in
 * {@code ModelLoaderFuzzTestInputs/} (three fixture models and every hostile-file reproducer of the pickle reader)
 * in every build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ModelLoaderFuzzTest {
    /** Longest acceptable message: the temporary file's path plus a bounded reason. */
    private static final int MAX_MESSAGE_CHARS = 600;

    @FuzzTest(maxDuration = "10m")
    @Timeout(10) // seconds per input, in regression and in fuzzing mode (Jazzer passes it to libFuzzer)
    void modelLoadsOrFailsWithOneBoundedLine(byte[] bytes) throws Exception {
        FuzzFiles.withFile(bytes, ".pkl", file -> {
            try (ConvpaintModel m = ModelLoader.load(file)) {
                m.params();
            } catch (ConvpaintException expected) {
                String message = expected.getMessage();
                if (message.length() > MAX_MESSAGE_CHARS) {
                    throw new AssertionError("a message of " + message.length() + " characters: "
                            + message.substring(0, 200));
                }
                if (message.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new AssertionError("a control character in the message: " + message.replace("\n", "\\n")
                            .replace("\u001b", "\\u001b"));
                }
            }
        });
    }
}

package org.convpaint.classify.catboost;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target of the CatBoost model reader and evaluator: any bytes either load as a classifier and evaluate (rows
 * and bound columns agree) or fail with one {@link org.convpaint.InvalidModelException} /
 * {@link org.convpaint.UnsupportedModelException} with a one-line message; anything else (another exception, an
 * error, a hang) is a finding. Runs over the seed corpus in {@code CatBoostModelFuzzTestInputs/} (small valid
 * models written by {@link CbmSpec}, and reproducers) in every build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class CatBoostModelFuzzTest {
    @FuzzTest(maxDuration = "10m")
    @Timeout(10) // seconds per input, in regression and in fuzzing mode (Jazzer passes it to libFuzzer)
    void modelLoadsAndEvaluatesOrFailsWithOneLine(byte[] bytes) {
        CatBoostModelRobustnessTest.loadAndEvaluate(bytes);
    }
}

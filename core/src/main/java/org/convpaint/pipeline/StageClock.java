package org.convpaint.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time of consecutive stages. Not thread-safe. */
final class StageClock {
    private final Map<String, Double> laps = new LinkedHashMap<>();
    private long last = System.nanoTime();

    /** Ends the current stage under {@code name} (accumulating if the name repeats). */
    void lap(String name) {
        long now = System.nanoTime();
        laps.merge(name, (now - last) / 1e9, Double::sum);
        last = now;
    }

    Map<String, Double> laps() {
        return Collections.unmodifiableMap(laps);
    }
}

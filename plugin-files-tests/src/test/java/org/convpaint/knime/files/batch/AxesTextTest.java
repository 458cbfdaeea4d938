package org.convpaint.knime.files.batch;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AxesTextTest {

    @Test
    void acceptsWhatTheEngineAccepts() {
        for (String ok : new String[] {"", "  ", null, "YX", "yx", "ZYX", "TYX", "CYX", "TZYX", "TZCYX", "ZTYX",
            "T3ZYX", " t3zyx ", "C3YX"}) {
            assertNull(AxesText.problem(ok), ok);
        }
    }

    @Test
    void refusesWhatTheEngineRefuses() {
        for (String bad : new String[] {"XY", "ZY", "TZYXX", "TTYX", "QYX", "T-YX", "T0YX", "T99999999999YX",
            "3TYX"}) {
            final String p = AxesText.problem(bad);
            assertTrue(p != null && p.startsWith("Axes '" + bad.strip() + "'"), bad + " -> " + p);
        }
    }
}

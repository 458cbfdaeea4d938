package org.convpaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void controlCharactersAndEscapesAreWrittenOut() {
        assertEquals("'a\\nb\\u001b[31m\\t\\\\\\''", Messages.quote("a\nb\u001b[31m\t\\'"));
    }

    @Test
    void lineSeparatorsAndBidiOverridesAreEscaped() {
        assertEquals("'\\u2028\\u202e\\u0085'", Messages.quote("\u2028\u202e\u0085"));
    }

    @Test
    void longTextIsCutAtAHundredCharacters() {
        String q = Messages.quote("x".repeat(1_000_000));
        assertEquals(Messages.MAX_CHARS + 3, q.length());
        assertTrue(q.endsWith("…'"), q);
    }

    @Test
    void escapesCountTowardsTheHundredCharacters() {
        String q = Messages.quote("\u0000".repeat(1000));
        assertTrue(q.length() <= Messages.MAX_CHARS + 9, q.length() + ": " + q);
    }

    @Test
    void plainTextIsOnlyQuoted() {
        assertEquals("'features.0 Conv2d(3, 64)'", Messages.quote("features.0 Conv2d(3, 64)"));
        assertEquals("None", Messages.quote(null));
    }

    @Test
    void describingAHugeSharedStructureTakesTimeBoundedByTheMessage() {
        List<Object> l = new ArrayList<>(List.of("a\nb"));
        for (int i = 0; i < 60; i++) {
            l = new ArrayList<>(List.of(l, l));
        }
        List<Object> dag = l;
        String d = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> Messages.describe(dag));
        assertTrue(d.length() <= Messages.MAX_CHARS + 1, d);
        assertTrue(d.indexOf('\n') < 0, d);
    }

    @Test
    void numbersAndBooleansAreShownAsPythonWouldShowThem() {
        assertEquals("[1, True, None, 'x']", Messages.describe(java.util.Arrays.asList(1, true, null, "x")));
    }
}

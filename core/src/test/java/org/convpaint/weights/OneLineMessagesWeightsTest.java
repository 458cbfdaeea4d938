package org.convpaint.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.convpaint.InvalidModelException;
import org.convpaint.testing.PickleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages that quote bytes of the file stay on one line (fuzzing finding crash-a19db86e…). */
class OneLineMessagesWeightsTest {
    @TempDir
    Path tmp;

    @Test
    void badNumberTextWithALineBreakInThePickleIsReportedOnOneLine() throws IOException {
        // protocol-0 LONG whose text holds a carriage return and a form feed: neither reaches the message
        byte[] pickle = new PickleWriter().proto(2).op('L').raw("12\r\u000c34L\n".getBytes(StandardCharsets.ISO_8859_1))
                .stop().toBytes();
        Path f = Files.write(tmp.resolve("bad_long.pth"), PthBytes.zip(pickle, PthBytes.floats(1), false));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> TorchWeights.read(f));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains("bad_long.pth"), e.getMessage());
        assertFalse(e.getMessage().contains("\r") || e.getMessage().contains("\u000c"), e.getMessage());
    }
}

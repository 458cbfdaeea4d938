package org.convpaint.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.convpaint.ConvpaintException;
import org.convpaint.testing.PickleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code data.pkl} with self-references or very deep nesting loads or fails with one line (the weights reader's
 * own protection; the generic unpickler bounds nesting itself).
 */
class NestedPickleWeightsTest {
    private static final int DEEP = 200_000;

    @TempDir
    Path tmp;

    private Path pth(String name, byte[] pickle) throws IOException {
        return Files.write(tmp.resolve(name), PthBytes.zip(pickle, PthBytes.floats(4), false));
    }

    private static void assertOneLine(Path f) {
        ConvpaintException e = assertThrows(ConvpaintException.class, () -> TorchWeights.read(f));
        assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    /** {@code DEEP} lists nested in one another, left on the stack. */
    private static PickleWriter deepList(PickleWriter w) {
        for (int i = 0; i < DEEP; i++) {
            w.emptyList();
        }
        for (int i = 1; i < DEEP; i++) {
            w.op('a');
        }
        return w;
    }

    @Test
    void selfReferencingListAsADictKeyIsOneLine() throws IOException {
        // d = {}; l = []; l.append(l); d[l] = 1
        byte[] pickle = new PickleWriter().proto(2).emptyDict().emptyList().op('q').raw(new byte[] {0})
                .op('h').raw(new byte[] {0}).op('a').integer(1).setItem().stop().toBytes();
        assertOneLine(pth("self_key.pth", pickle));
    }

    @Test
    void deeplyNestedListAsADictKeyIsOneLine() throws IOException {
        PickleWriter w = deepList(new PickleWriter().proto(2).emptyDict());
        assertOneLine(pth("deep_key.pth", w.integer(1).setItem().stop().toBytes()));
    }

    @Test
    void deeplyNestedValueBesideTheTensorsIsOneLine() throws Exception {
        // {'deep': [[[…]]], 'w': tensor}: nesting beyond the pickle reader's depth limit is refused wherever it is
        byte[] tensorDict = PthBytes.pickle("w", 4, new int[] {4}, new int[] {1});
        PickleWriter w = new PickleWriter().proto(2).emptyDict().str("deep");
        deepList(w).setItem();
        // splice: the tensor pickle without its PROTO (2 bytes), EMPTY_DICT (1) and STOP (1) adds its item
        byte[] head = w.toBytes();
        byte[] body = java.util.Arrays.copyOfRange(tensorDict, 3, tensorDict.length);
        byte[] pickle = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, pickle, head.length, body.length);
        assertOneLine(pth("deep_value.pth", pickle));
    }

    @Test
    void deeplyNestedDictsWithoutTensorsAreOneLine() throws IOException {
        PickleWriter w = new PickleWriter().proto(2);
        for (int i = 0; i < DEEP; i++) {
            w.emptyDict().str("d");
        }
        w.emptyDict();
        for (int i = 0; i < DEEP; i++) {
            w.setItem();
        }
        assertOneLine(pth("deep_dicts.pth", w.stop().toBytes()));
    }

    @Test
    void selfReferencingDictWithoutTensorsIsOneLine() throws IOException {
        // d = {}; d['self'] = d
        byte[] pickle = new PickleWriter().proto(2).emptyDict().op('q').raw(new byte[] {0}).str("self")
                .op('h').raw(new byte[] {0}).setItem().stop().toBytes();
        assertOneLine(pth("self_dict.pth", pickle));
    }
}

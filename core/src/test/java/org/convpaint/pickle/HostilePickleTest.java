package org.convpaint.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;
import org.convpaint.testing.PickleWriter;
import org.junit.jupiter.api.Test;

/**
 * Hand-made hostile pickles of a few bytes each (issue items 2, 3, 4, 8): each must be refused quickly with a one-line
 * {@link ConvpaintException}, never with a {@link StackOverflowError}, an {@link OutOfMemoryError} or minutes of CPU.
 */
class HostilePickleTest {
    private static final Path FILE = Path.of("hostile.pkl");

    private static Object load(byte[] data) throws ConvpaintException {
        return SafeUnpickler.load(data, AllowList.convpaintModel(), FILE, "test pickle");
    }

    private static InvalidModelException refused(byte[] data) {
        InvalidModelException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(InvalidModelException.class, () -> load(data)));
        assertOneBoundedLine(e.getMessage());
        return e;
    }

    static void assertOneBoundedLine(String m) {
        assertTrue(m.length() < 400, "message of " + m.length() + " chars");
        assertTrue(m.chars().noneMatch(c -> c < 0x20 || c == 0x7f), "control character in: " + m);
    }

    @Test
    void aDictKeyThatIsAListContainingItselfIsRefusedAsACycle() {
        byte[] p = new PickleWriter().proto(4).emptyDict().emptyList().memoize().get(0).append().none().setItem()
                .stop().toBytes();
        assertEquals(11, p.length);
        assertTrue(refused(p).getMessage().contains("contains itself"));
    }

    @Test
    void aCycleThroughTwoListsIsRefused() {
        // a = []; b = []; a.append(b); b.append(a)
        byte[] p = new PickleWriter().proto(4).emptyList().memoize().emptyList().memoize().append()
                .get(1).get(0).append().stop().toBytes();
        assertTrue(refused(p).getMessage().contains("cycle"));
    }

    @Test
    void hundredThousandNestedTuplesAreRefusedAtTheDepthLimit() {
        byte[] p = new PickleWriter().proto(4).emptyTuple().repeat("\u0085", 100_000).stop().toBytes();
        String m = refused(p).getMessage();
        assertTrue(m.contains("nested more than 1000 levels"), m);
    }

    @Test
    void hundredThousandNestedListsAreRefused() {
        byte[] p = new PickleWriter().proto(2).repeat("(", 100_000).emptyList().repeat("l", 100_000).stop()
                .toBytes();
        refused(p);
    }

    @Test
    void fifteenHundredNestedListsAreRefusedAtTheDepthLimit() {
        byte[] p = new PickleWriter().proto(2).repeat("(", 1500).emptyList().repeat("l", 1500).stop().toBytes();
        String m = refused(p).getMessage();
        assertTrue(m.contains("nested more than 1000 levels"), m);
    }

    @Test
    void hundredThousandNestedFrozensetsAreRefusedWithoutStackOverflow() {
        byte[] p = new PickleWriter().proto(4).repeat("(", 100_000).emptyTuple().repeat("\u0091", 100_000).stop()
                .toBytes();
        refused(p);
    }

    @Test
    void nestingUpToTheDepthLimitIsAccepted() throws Exception {
        byte[] p = new PickleWriter().proto(4).emptyTuple().repeat("\u0085", PickleLimits.MAX_DEPTH - 1).stop()
                .toBytes();
        assertInstanceOf(Object[].class, load(p));
    }

    @Test
    void nineHundredKilobytesOfOneElementAppendsReadInLinearTime() throws Exception {
        int n = 900_000 / 4;
        byte[] p = new PickleWriter().proto(2).emptyList().repeat("(K\u0001e", n).stop().toBytes();
        long t0 = System.nanoTime();
        Object list = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> load(p));
        System.out.printf("900 KB of one-element APPENDS: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals(n, ((List<?>) list).size());
    }

    @Test
    void manyPopMarksAboveALargeStackRunInLinearTime() throws Exception {
        byte[] p = new PickleWriter().proto(2).repeat("K\u0001", 100_000).repeat("(1", 200_000).none().stop()
                .toBytes();
        long t0 = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> load(p));
        System.out.printf("200 000 POP_MARKs over 100 000 stack items: %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void aThreeMillionDigitProtocol0LongIsRefusedAtOnce() {
        byte[] p = new PickleWriter().op('L').repeat("7", 3_000_000).raw("L\n.".getBytes()).toBytes();
        long t0 = System.nanoTime();
        InvalidModelException e = refused(p);
        System.out.printf("3 M-digit LONG: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertTrue(e.getMessage().contains("longer than " + PickleLimits.MAX_NUMBER_CHARS), e.getMessage());
    }

    @Test
    void aLong4WiderThan64BytesIsRefused() {
        byte[] p = new PickleWriter().proto(2).long4(PickleLimits.MAX_INTEGER_BYTES + 1).stop().toBytes();
        assertTrue(refused(p).getMessage().contains("wider than the 64 bytes"));
    }

    @Test
    void a64ByteLong4IsAccepted() throws Exception {
        byte[] p = new PickleWriter().proto(2).long4(PickleLimits.MAX_INTEGER_BYTES).stop().toBytes();
        assertInstanceOf(java.math.BigInteger.class, load(p));
    }

    @Test
    void aFloodOfEmptyDictsIsRefusedByTheObjectLimitNotByMemory() {
        byte[] p = new PickleWriter().proto(4).repeat("}", 8_000_000).stop().toBytes();
        String m = refused(p).getMessage();
        assertTrue(m.contains("beyond") || m.contains("more than"), m);
    }

    @Test
    void aFloodOfMemoEntriesIsRefused() {
        byte[] p = new PickleWriter().proto(4).none().repeat("\u0094", 100_000).stop().toBytes();
        assertTrue(refused(p).getMessage().contains("memo grows beyond"));
    }

    @Test
    void aZeroByteDtypeArrayOfTwoBillionElementsIsRefusedAtLoad() {
        PickleWriter w = arrayHeader();
        w.mark().smallInt(1).integer(Integer.MAX_VALUE).tuple1();
        dtype(w, "f0");
        w.bool(false).bytes(new byte[0]).tuple().build().stop();
        assertTrue(refused(w.toBytes()).getMessage().contains("0 bytes"));
    }

    @Test
    void aStructuredDtypeFieldOutsideItsRecordIsRefused() {
        PickleWriter w = arrayHeader();
        w.mark().smallInt(1).smallInt(1).tuple1();
        w.global("numpy", "dtype").str("V8").bool(false).bool(true).op(0x87).reduce();
        w.mark().smallInt(3).str("|").none().str("a").tuple1().emptyDict().str("a");
        dtype(w, "f8");
        w.integer(Integer.MAX_VALUE).tuple2().setItem().smallInt(8).smallInt(1).smallInt(16).tuple().build();
        w.bool(false).bytes(new byte[8]).tuple().build().stop();
        assertTrue(refused(w.toBytes()).getMessage().contains("outside its record"));
    }

    @Test
    void aClassNameWithNewlinesAndTerminalEscapesIsQuotedOnOneLine() {
        String module = "os\nconvpaint: model OK, 3 classes\u001b[2J\u001b[31m";
        byte[] p = new PickleWriter().proto(4).str(module).str("system").stackGlobal().stop().toBytes();
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> load(p));
        assertOneBoundedLine(e.getMessage());
        assertTrue(e.getMessage().contains("'os\\nconvpaint: model OK, 3 classes\\u001b[2J"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aThousandCharacterClassNameIsTruncatedInTheMessage() {
        byte[] p = new PickleWriter().proto(2).global("m".repeat(900), "n".repeat(99)).stop().toBytes();
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> load(p));
        assertOneBoundedLine(e.getMessage());
        assertTrue(e.getMessage().contains("…"), e.getMessage());
    }

    @Test
    void aDtypeByteOrderThatIsAHugeSharedListIsNeverRendered() {
        PickleWriter w = new PickleWriter().proto(4).global("numpy", "dtype").str("f8").bool(false).bool(true)
                .op(0x87).reduce().mark().smallInt(3).emptyList().memoize();
        for (int i = 0; i < 60; i++) { // level i+1 = [level i, level i]: a list of 2^60 leaves in 61 lists
            w.op('0').mark().get(i).get(i).list().memoize();
        }
        w.none().none().none().integer(-1).integer(-1).smallInt(0).tuple().build().stop();
        assertInstanceOf(NpDType.class, assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(w.toBytes())));
    }

    @Test
    void aSecondBuildDoesNotModifyTheEarlierSharedStateIntoACycle() throws Exception {
        // p = Param(); s1 = {}; p.__setstate__(s1); p.__setstate__({'a': [s1]}) must not make s1 contain itself
        byte[] p = new PickleWriter().proto(4).global("napari_convpaint.param", "Param").emptyTuple().newObj()
                .emptyDict().memoize().build()
                .emptyDict().str("a").emptyList().get(0).append().setItem().build().stop().toBytes();
        PyInstance param = (PyInstance) assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(p));
        java.util.Map<?, ?> first = (java.util.Map<?, ?>) ((List<?>) param.state().get("a")).get(0);
        assertTrue(first.isEmpty(), "the earlier state gained " + first.keySet());
    }

    /** {@code _reconstruct(ndarray, (0,), b'b')}, ready for its BUILD state. */
    private static PickleWriter arrayHeader() {
        return new PickleWriter().proto(2).global("numpy.core.multiarray", "_reconstruct")
                .global("numpy", "ndarray").smallInt(0).tuple1().bytes(new byte[] {'b'}).op(0x87).reduce();
    }

    /** {@code dtype(code)} with a little-endian BUILD state. */
    private static void dtype(PickleWriter w, String code) {
        w.global("numpy", "dtype").str(code).bool(false).bool(true).op(0x87).reduce()
                .mark().smallInt(3).str("<").none().none().none().integer(-1).integer(-1).smallInt(0).tuple().build();
    }
}

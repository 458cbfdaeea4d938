package org.convpaint.pickle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;
import org.convpaint.testing.PickleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUnpicklerTest {
    private static final Path FILE = Path.of("hostile.pkl");

    @TempDir
    Path tmp;

    private static Object load(byte[] data) throws Exception {
        return SafeUnpickler.load(data, AllowList.convpaintModel(), FILE, "test pickle");
    }

    /**
     * The opcodes the VM hands straight to Pyrolite are ones neither of its own handlers executes (so routing
     * them past the handlers changes nothing); any other opcode still reaches the handlers.
     */
    @Test
    void opcodesLeftToPyroliteAreNoneOfTheHandlersOwn() throws Exception {
        int plain = 0;
        for (int k = 0; k < 256; k++) {
            short key = (short) k;
            if (!SafeUnpickler.isPlain(key)) {
                continue;
            }
            plain++;
            BoundedStack stack = new BoundedStack(10);
            assertFalse(ContainerOps.dispatch(key, stack, new GraphGuard(10)), "ContainerOps executes " + k);
            assertEquals(0, stack.size());
            SafeUnpickler vm = new SafeUnpickler(new byte[0], AllowList.convpaintModel(), FILE, "test pickle");
            assertFalse(vm.dispatchOwn(key), "dispatchOwn executes " + k);
        }
        assertEquals(14, plain);
        assertFalse(SafeUnpickler.isPlain(net.razorvine.pickle.Opcodes.GLOBAL));
        assertFalse(SafeUnpickler.isPlain(net.razorvine.pickle.Opcodes.REDUCE));
        assertFalse(SafeUnpickler.isPlain(net.razorvine.pickle.Opcodes.APPENDS));
    }

    /** {@code os.system('touch <marker>')} written with GLOBAL + REDUCE, the classic pickle exploit. */
    @Test
    void osSystemIsRefusedAndNotExecuted() throws Exception {
        Path marker = tmp.resolve("pwned");
        byte[] p = new PickleWriter().proto(2).global("os", "system").str("touch " + marker).tuple1().reduce().stop()
                .toBytes();
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> load(p));
        assertTrue(e.getMessage().contains("os.system"), e.getMessage());
        assertTrue(e.getMessage().contains("hostile.pkl"), e.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void posixSystemViaStackGlobalIsRefused() {
        byte[] p = new PickleWriter().proto(4).str("posix").str("system").stackGlobal().str("id").tuple1().reduce()
                .stop().toBytes();
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> load(p));
        assertTrue(e.getMessage().contains("posix.system"), e.getMessage());
    }

    @Test
    void builtinsEvalIsRefused() {
        byte[] p = new PickleWriter().proto(3).global("builtins", "eval").str("__import__('os').system('id')")
                .tuple1().reduce().stop().toBytes();
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> load(p));
        assertTrue(e.getMessage().contains("builtins.eval"), e.getMessage());
    }

    @Test
    void subprocessPopenIsRefused() {
        byte[] p = new PickleWriter().proto(5).str("subprocess").str("Popen").stackGlobal().mark().str("sh").str("-c")
                .str("id").op('l').tuple1().reduce().stop().toBytes();
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> load(p));
        assertTrue(e.getMessage().contains("subprocess.Popen"), e.getMessage());
    }

    /** The protocol-0 INST opcode instantiates a class directly; it must go through the allow-list too. */
    @Test
    void instOpcodeIsRefused() {
        byte[] p = new PickleWriter().mark().str("id").op('i').raw("os\nsystem\n".getBytes()).stop().toBytes();
        UnsupportedModelException e = assertThrows(UnsupportedModelException.class, () -> load(p));
        assertTrue(e.getMessage().contains("os.system"), e.getMessage());
    }

    @Test
    void emptyInputIsReportedAsEmpty() {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> load(new byte[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void truncatedInputIsReportedAsTruncated() {
        byte[] full = new PickleWriter().proto(4).emptyDict().str("key").str("value").setItem().stop().toBytes();
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 4);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> load(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void lengthPrefixBeyondTheFileFailsWithoutAllocating() {
        byte[] p = new PickleWriter().proto(4).bytes8Claiming(1L << 40, new byte[16]).stop().toBytes();
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> load(p));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /** An ndarray header claiming 10^12 float64 elements must fail at once, not try to allocate 8 TB. */
    @Test
    void arrayHeaderClaimingATrillionElementsFailsFast() {
        byte[] p = new PickleWriter().proto(2)
                .global("numpy.core.multiarray", "_reconstruct").mark().global("numpy", "ndarray")
                .integer(0).tuple1().bytes(new byte[] {'b'}).op('t').reduce()
                .mark().integer(1)
                .mark().integer(1_000_000).integer(1_000_000).op('t')
                .global("numpy", "dtype").mark().str("f8").bool(false).bool(true).op('t').reduce()
                .mark().integer(3).str("<").none().none().none().integer(-1).integer(-1).integer(0).op('t').build()
                .bool(false).bytes(new byte[64]).op('t').build().stop().toBytes();
        InvalidModelException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(InvalidModelException.class, () -> load(p)));
        assertTrue(e.getMessage().contains("1000000"), e.getMessage());
    }

    @Test
    void ndarrayIsReconstructedFromBytes() throws Exception {
        byte[] raw = new byte[16];
        java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-2.0);
        byte[] p = new PickleWriter().proto(2)
                .global("numpy.core.multiarray", "_reconstruct").mark().global("numpy", "ndarray")
                .integer(0).tuple1().bytes(new byte[] {'b'}).op('t').reduce()
                .mark().integer(1).mark().integer(2).op('t')
                .global("numpy", "dtype").mark().str("f8").bool(false).bool(true).op('t').reduce()
                .mark().integer(3).str("<").none().none().none().integer(-1).integer(-1).integer(0).op('t').build()
                .bool(false).bytes(raw).op('t').build().stop().toBytes();
        NdArray a = assertInstanceOf(NdArray.class, load(p));
        assertArrayEquals(new int[] {2}, a.shape());
        assertArrayEquals(new double[] {1.5, -2.0}, a.toDoubles());
    }

    @Test
    void protocol5FrombufferArrayUsesNumpy2ModuleName() throws Exception {
        byte[] raw = {7, 0, 0, 0, -1, -1, -1, -1};
        // (buffer, dtype('<i4'), (2,), 'C') as numpy 2 pickles a C-contiguous array with protocol 5
        byte[] q = new PickleWriter().proto(5).str("numpy._core.numeric").str("_frombuffer").stackGlobal()
                .mark().op(0x96).raw(new byte[] {8, 0, 0, 0, 0, 0, 0, 0}).raw(raw)
                .str("numpy").str("dtype").stackGlobal().str("i4").bool(false).bool(true).op(0x87).reduce()
                .mark().integer(3).str("<").none().none().none().integer(-1).integer(-1).integer(0).op('t').build()
                .integer(2).tuple1().str("C").tuple().reduce().stop().toBytes();
        NdArray a = assertInstanceOf(NdArray.class, load(q));
        assertArrayEquals(new long[] {7, -1}, a.toLongs());
    }

    @Test
    void dictKeepsInsertionOrder() throws Exception {
        PickleWriter w = new PickleWriter().proto(4).emptyDict().mark();
        List<String> keys = List.of("zeta", "alpha", "mu", "beta", "omega", "gamma", "kappa", "delta");
        for (String k : keys) {
            w.str(k).integer(k.length());
        }
        Map<?, ?> m = assertInstanceOf(Map.class, load(w.setItems().stop().toBytes()));
        assertEquals(keys, List.copyOf(m.keySet().stream().map(String::valueOf).toList()));
    }

    @Test
    void pandasObjectsAreOpaqueAndNotExecuted() throws Exception {
        byte[] p = new PickleWriter().proto(4).str("pandas").str("DataFrame").stackGlobal().emptyTuple().newObj()
                .emptyDict().str("_mgr").none().setItem().build().stop().toBytes();
        Opaque o = assertInstanceOf(Opaque.class, load(p));
        assertEquals("pandas.DataFrame", o.className());
    }

    @Test
    void buildOnAPlainValueIsInvalid() {
        byte[] p = new PickleWriter().proto(2).integer(3).emptyDict().build().stop().toBytes();
        assertThrows(InvalidModelException.class, () -> load(p));
    }
}

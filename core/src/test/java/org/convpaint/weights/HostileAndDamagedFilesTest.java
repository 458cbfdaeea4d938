package org.convpaint.weights;

import static org.convpaint.weights.TestWeights.file;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidModelException;
import org.convpaint.UnsupportedModelException;
import org.convpaint.testing.PickleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile, damaged and foreign files fail with a one-line message naming the file, and run nothing. */
class HostileAndDamagedFilesTest {
    private static final byte[] MAGIC_LONG1 = {0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a,
        (byte) 0xa8, 0x50, 0x19};

    @TempDir
    Path tmp;

    private static <T extends ConvpaintException> T fails(Class<T> type, Path f, String... fragments) {
        T e = assertThrows(type, () -> TorchWeights.read(f));
        assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), e.getMessage());
        }
        return e;
    }

    @Test
    void zipWhosePickleCallsOsSystemIsRefused() {
        fails(UnsupportedModelException.class, file("hostile_os_system.pth"), "os.system");
        assertFalse(Files.exists(Path.of("pwned!")));
    }

    @Test
    void legacyStreamWhosePickleCallsOsSystemIsRefusedAndNotExecuted() throws IOException {
        Path marker = tmp.resolve("pwned");
        byte[] stream = new PickleWriter()
                .proto(2).op(0x8a).raw(MAGIC_LONG1).stop()
                .proto(2).integer(1001).stop()
                .proto(2).emptyDict().stop()
                .proto(2).global("os", "system").str("touch " + marker).tuple1().reduce().stop().toBytes();
        Path f = Files.write(tmp.resolve("hostile_legacy.pth"), stream);
        fails(UnsupportedModelException.class, f, "os.system");
        assertFalse(Files.exists(marker));
    }

    @Test
    void storageLargerThanItsRecordIsInvalid() {
        fails(InvalidModelException.class, file("short_storage.pth"), "storage '0'", "holds only 16 bytes");
    }

    @Test
    void viewReachingOutsideItsStorageIsInvalid() {
        fails(InvalidModelException.class, file("view_outside.pth"), "reaches element 4");
    }

    @Test
    void truncatedLegacyStreamIsInvalid() {
        fails(InvalidModelException.class, file("legacy_truncated.pth"), "truncated");
    }

    @Test
    void legacyStorageCountBeyondTheFileIsInvalid() {
        fails(InvalidModelException.class, file("legacy_count_too_big.pth"), "claims 1099511627776");
    }

    @Test
    void truncatedZipIsInvalid() throws IOException {
        byte[] all = Files.readAllBytes(file("small_zip.pth"));
        Path f = Files.write(tmp.resolve("cut.pth"), Arrays.copyOf(all, all.length / 2));
        fails(InvalidModelException.class, f, "damaged or truncated");
    }

    @Test
    void tarLayoutIsRefusedWithAClearMessage() {
        fails(UnsupportedModelException.class, file("old_tar.pth"), "tar");
    }

    @Test
    void torchScriptArchiveIsRefused() throws IOException {
        Path f = tmp.resolve("scripted.pt");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            for (String name : new String[] {"scripted/data.pkl", "scripted/constants.pkl", "scripted/code/x.py"}) {
                z.putNextEntry(new ZipEntry(name));
                z.write(new PickleWriter().proto(2).none().stop().toBytes());
            }
        }
        fails(UnsupportedModelException.class, f, "TorchScript");
    }

    @Test
    void zipWithoutDataPklIsNotAWeightsFile() throws IOException {
        Path f = tmp.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry("other/readme.txt"));
            z.write('x');
        }
        fails(InvalidModelException.class, f, "data.pkl", "not a PyTorch weights file");
    }

    @Test
    void pickleThatIsNotADictIsNotAWeightsFile() throws IOException {
        Path f = tmp.resolve("list.pth");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry("list/data.pkl"));
            z.write(new PickleWriter().proto(2).emptyList().stop().toBytes());
        }
        fails(InvalidModelException.class, f, "not a dict of tensors");
    }

    @Test
    void textFileIsNotAWeightsFile() throws IOException {
        Path f = Files.writeString(tmp.resolve("notes.pth"), "hello, I am not a tensor\n");
        fails(InvalidModelException.class, f, "not a PyTorch weights file");
    }

    @Test
    void convpaintModelIsNotAWeightsFile() {
        fails(InvalidModelException.class, Path.of("src/test/resources/testdata/m03_gauss_ms_o1_norm1.pkl"),
                "not a PyTorch weights file");
    }

    @Test
    void emptyFileIsReportedAsEmpty() throws IOException {
        Path f = Files.write(tmp.resolve("empty.pth"), new byte[0]);
        fails(InvalidModelException.class, f, "empty");
    }

    @Test
    void missingFileIsInvalid() {
        fails(InvalidModelException.class, tmp.resolve("absent.pth"), "no such file");
    }

    @Test
    void complexTensorIsRefusedOnlyWhenWanted() throws Exception {
        Path f = file("complex_legacy.pth");
        fails(UnsupportedModelException.class, f, "'z'", "complex64");
        TestWeights.assertTensor(TorchWeights.read(f, name -> !name.equals("z")).get("r"), new int[] {3},
                i -> i - 1);
    }

    static void copyWithout(Path zip, String dropped, OutputStream out) throws IOException {
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(zip.toFile());
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                if (!e.getName().equals(dropped)) {
                    z.putNextEntry(new ZipEntry(e.getName()));
                    in.getInputStream(e).transferTo(z);
                }
            }
        }
    }
}

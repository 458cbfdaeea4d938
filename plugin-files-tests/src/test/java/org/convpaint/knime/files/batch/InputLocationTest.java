package org.convpaint.knime.files.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.convpaint.knime.files.batch.InputLocation.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class InputLocationTest {

    private static void assertLocal(final String expected, final InputLocation l) {
        assertEquals(Kind.LOCAL, l.kind(), () -> String.valueOf(l));
        assertEquals(Path.of(expected), l.path());
        assertNull(l.url());
        assertNull(l.problem());
    }

    private static void assertUrl(final String expected, final InputLocation l) {
        assertEquals(Kind.URL, l.kind(), () -> String.valueOf(l));
        assertEquals(expected, l.url());
    }

    private static void assertUnsupported(final String part, final InputLocation l) {
        assertEquals(Kind.UNSUPPORTED, l.kind(), () -> String.valueOf(l));
        assertTrue(l.problem().contains(part), l.problem());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void absolutePathsAndFileUrls() {
        assertLocal("/data/a.tif", InputLocation.ofText("/data/a.tif"));
        assertLocal("/data/a b.tif", InputLocation.ofText("  /data/a b.tif \n"));
        assertLocal("/data/a.tif", InputLocation.ofText("file:/data/a.tif"));
        assertLocal("/data/a.tif", InputLocation.ofText("file:///data/a.tif"));
        assertLocal("/data/a b.tif", InputLocation.ofText("file:///data/a%20b.tif"));
        assertLocal("/data/a.tif", InputLocation.ofText("FILE:/data/a.tif"));
        assertLocal("/data/a.tif", InputLocation.ofFsLocation("LOCAL", null, "/data/a.tif"));
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void windowsPaths() {
        assertLocal("C:\\data\\a.tif", InputLocation.ofText("C:\\data\\a.tif"));
        assertLocal("C:\\data\\a.tif", InputLocation.ofText("file:///C:/data/a.tif"));
        assertLocal("C:\\data\\a.tif", InputLocation.ofFsLocation("LOCAL", null, "C:\\data\\a.tif"));
    }

    @Test
    void fileUrlsJavaCannotConvertAreLeftToKnime() {
        // unencoded spaces and hosts: KNIME's FileUtil resolves these (or says why not)
        assertUrl("file:/data/a b.tif", InputLocation.ofText("file:/data/a b.tif"));
    }

    @Test
    void knimeUrlsAreLeftToKnime() {
        assertUrl("knime://knime.workflow/data/a.tif", InputLocation.ofText("knime://knime.workflow/data/a.tif"));
        assertUrl("knime://LOCAL/images/a.tif", InputLocation.ofText(" knime://LOCAL/images/a.tif"));
    }

    @Test
    void refusedTexts() {
        assertUnsupported("empty", InputLocation.ofText(""));
        assertUnsupported("empty", InputLocation.ofText("   "));
        assertUnsupported("empty", InputLocation.ofText(null));
        assertUnsupported("relative path", InputLocation.ofText("data/a.tif"));
        assertUnsupported("only files on this machine", InputLocation.ofText("https://example.org/a.tif"));
        assertUnsupported("s3: location", InputLocation.ofText("s3://bucket/a.tif"));
        assertUnsupported("not a valid path", InputLocation.ofText("/data/a\0.tif"));
    }

    @Test
    void relativeToLocationsBecomeKnimeUrlsAsKnimeExportsThem() {
        assertUrl("knime://knime.workflow/data/input/coins.tif",
            InputLocation.ofFsLocation("RELATIVE", "knime.workflow", "data/input/coins.tif"));
        assertUrl("knime://knime.workflow/../images/a.tif",
            InputLocation.ofFsLocation("RELATIVE", "knime.workflow", "../images/a.tif"));
        // absolute paths of the workflow-relative file system start at the mountpoint's root
        assertUrl("knime://knime.mountpoint/group/flow/data/a.tif",
            InputLocation.ofFsLocation("RELATIVE", "knime.workflow", "/group/flow/data/a.tif"));
        assertUrl("knime://knime.mountpoint/images/a.tif",
            InputLocation.ofFsLocation("RELATIVE", "knime.mountpoint", "images/a.tif"));
        assertUrl("knime://knime.mountpoint/images/a.tif",
            InputLocation.ofFsLocation("RELATIVE", "knime.mountpoint", "/images/a.tif"));
        assertUrl("knime://knime.workflow/data/in/a.tif",
            InputLocation.ofFsLocation("RELATIVE", "knime.workflow.data", "/in/a.tif"));
        assertUrl("knime://knime.workflow/data/in/a.tif",
            InputLocation.ofFsLocation("RELATIVE", "knime.workflow.data", "in/a.tif"));
        assertUrl("knime://knime.space/in/a.tif", InputLocation.ofFsLocation("RELATIVE", "knime.space", "/in/a.tif"));
    }

    @Test
    void mountpointsAndCustomUrls() {
        assertUrl("knime://LOCAL/images/a.tif", InputLocation.ofFsLocation("MOUNTPOINT", "LOCAL", "/images/a.tif"));
        assertUrl("knime://LOCAL/images/a.tif", InputLocation.ofFsLocation("MOUNTPOINT", "LOCAL", "images/a.tif"));
        assertUrl("knime://knime.workflow/a.tif",
            InputLocation.ofFsLocation("CUSTOM_URL", "1000", "knime://knime.workflow/a.tif"));
        assertUnsupported("only files on this machine",
            InputLocation.ofFsLocation("CUSTOM_URL", "1000", "https://example.org/a.tif"));
    }

    @Test
    void spacesAndOtherCharactersArePercentEncoded() {
        assertUrl("knime://knime.workflow/data/my%20images/a%23b.tif",
            InputLocation.ofFsLocation("RELATIVE", "knime.workflow", "data/my images/a#b.tif"));
        // mount IDs are host names; one that is not cannot be a URL
        assertUnsupported("cannot be expressed as a knime:// URL",
            InputLocation.ofFsLocation("MOUNTPOINT", "My Mount", "x.tif"));
    }

    @Test
    void refusedLocations() {
        assertUnsupported("Hub space", InputLocation.ofFsLocation("HUB_SPACE", "space-id", "/a.tif"));
        assertUnsupported("connector node", InputLocation.ofFsLocation("CONNECTED", "amazon-s3:eu", "/b/a.tif"));
        assertUnsupported("unknown file system category", InputLocation.ofFsLocation("OTHER", null, "/a.tif"));
        assertUnsupported("unknown relative-to", InputLocation.ofFsLocation("RELATIVE", "knime.node", "a.tif"));
        assertUnsupported("does not say", InputLocation.ofFsLocation("RELATIVE", null, "a.tif"));
        assertUnsupported("names no mountpoint", InputLocation.ofFsLocation("MOUNTPOINT", null, "a.tif"));
        assertUnsupported("empty path", InputLocation.ofFsLocation("LOCAL", null, ""));
        assertUnsupported("relative path", InputLocation.ofFsLocation("LOCAL", null, "a.tif"));
    }

    @Test
    void inconsistentFieldsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InputLocation(Kind.LOCAL, null, "x", null));
        assertThrows(IllegalArgumentException.class, () -> new InputLocation(null, null, null, null));
    }
}

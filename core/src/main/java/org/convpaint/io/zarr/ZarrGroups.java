package org.convpaint.io.zarr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import com.google.gson.JsonObject;

import org.convpaint.InvalidInputException;

/** Zarr groups and node attributes, v2 and v3. Stateless. */
public final class ZarrGroups {
    private ZarrGroups() {
    }

    /**
     * The format of the node (group or array) in {@code dir}: v3 if it has {@code zarr.json}, v2 if it has
     * {@code .zgroup}, {@code .zarray} or {@code .zattrs}; empty if none (not a Zarr node).
     */
    public static Optional<ZarrFormat> formatOf(Path dir) {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * The user attributes of the node in {@code dir}: v2 {@code .zattrs} (empty object if absent), v3
     * {@code zarr.json}'s {@code attributes} (empty if absent). A copy.
     *
     * @throws InvalidInputException naming the file: not a Zarr node, unreadable or invalid JSON, too large
     */
    public static JsonObject attributes(Path dir) throws InvalidInputException {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Creates group {@code dir} (and its parents) with these attributes, replacing any group metadata there. */
    public static void createGroup(Path dir, ZarrFormat format, JsonObject attributes) throws IOException {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Replaces the attributes of the existing node in {@code dir} (v2 {@code .zattrs}; v3 the {@code attributes}
     * of {@code zarr.json}, other members kept), atomically: a temporary file renamed over the old one.
     */
    public static void writeAttributes(Path dir, ZarrFormat format, JsonObject attributes) throws IOException {
        throw new UnsupportedOperationException("skeleton");
    }
}

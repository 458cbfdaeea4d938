package org.convpaint.io.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.convpaint.InvalidInputException;

/** Zarr groups and node attributes, v2 and v3. Stateless. */
public final class ZarrGroups {
    private static final String ZGROUP = ".zgroup";
    private static final String ZATTRS = ".zattrs";

    private ZarrGroups() {
    }

    /**
     * The format of the node (group or array) in {@code dir}: v3 if it has {@code zarr.json}, v2 if it has
     * {@code .zgroup}, {@code .zarray} or {@code .zattrs}; empty if none (not a Zarr node).
     */
    public static Optional<ZarrFormat> formatOf(Path dir) {
        if (MetadataFiles.exists(dir.resolve(V3Metadata.FILE))) {
            return Optional.of(ZarrFormat.V3);
        }
        if (MetadataFiles.exists(dir.resolve(ZGROUP)) || MetadataFiles.exists(dir.resolve(V2Metadata.FILE))
                || MetadataFiles.exists(dir.resolve(ZATTRS))) {
            return Optional.of(ZarrFormat.V2);
        }
        return Optional.empty();
    }

    /**
     * Whether the node in {@code dir} is an array: v2 {@code .zarray}, or v3 {@code zarr.json} with
     * {@code node_type} {@code array}. False for groups, for folders that are not Zarr nodes and for unreadable
     * metadata (reading it then says what is wrong).
     */
    public static boolean isArray(Path dir) {
        if (MetadataFiles.exists(dir.resolve(V2Metadata.FILE))) {
            return true;
        }
        Path v3 = dir.resolve(V3Metadata.FILE);
        if (!MetadataFiles.exists(v3)) {
            return false;
        }
        try {
            JsonElement type = MetadataFiles.read(v3).get("node_type");
            return type != null && type.isJsonPrimitive() && "array".equals(type.getAsString());
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /**
     * The user attributes of the node in {@code dir}: v2 {@code .zattrs} (empty object if absent), v3
     * {@code zarr.json}'s {@code attributes} (empty if absent). A copy.
     *
     * @throws InvalidInputException naming the file: not a Zarr node, unreadable or invalid JSON, too large
     */
    public static JsonObject attributes(Path dir) throws InvalidInputException {
        Optional<ZarrFormat> format = formatOf(dir);
        if (format.isEmpty()) {
            throw new InvalidInputException("not a Zarr group or array: no zarr.json, .zgroup, .zarray or .zattrs "
                    + "(check the path)", dir);
        }
        if (format.get() == ZarrFormat.V2) {
            Path file = dir.resolve(ZATTRS);
            return MetadataFiles.exists(file) ? MetadataFiles.read(file).deepCopy() : new JsonObject();
        }
        Path file = dir.resolve(V3Metadata.FILE);
        JsonElement attributes = MetadataFiles.read(file).get("attributes");
        if (attributes == null || attributes.isJsonNull()) {
            return new JsonObject();
        }
        if (!attributes.isJsonObject()) {
            throw new InvalidInputException("invalid Zarr metadata: \"attributes\" must be a JSON object", file);
        }
        return attributes.getAsJsonObject().deepCopy();
    }

    /** Creates group {@code dir} (and its parents) with these attributes, replacing any group metadata there. */
    public static void createGroup(Path dir, ZarrFormat format, JsonObject attributes) throws IOException {
        Files.createDirectories(dir);
        if (format == ZarrFormat.V2) {
            JsonObject group = new JsonObject();
            group.addProperty("zarr_format", 2);
            MetadataFiles.write(dir.resolve(ZGROUP), group, MetadataFiles.V2_INDENT);
            MetadataFiles.write(dir.resolve(ZATTRS), attributes, MetadataFiles.V2_INDENT);
        } else {
            JsonObject group = new JsonObject();
            group.addProperty("zarr_format", 3);
            group.addProperty("node_type", "group");
            group.add("attributes", attributes.deepCopy());
            MetadataFiles.write(dir.resolve(V3Metadata.FILE), group, MetadataFiles.V3_INDENT);
        }
    }

    /**
     * Replaces the attributes of the existing node in {@code dir} (v2 {@code .zattrs}; v3 the {@code attributes}
     * of {@code zarr.json}, other members kept), atomically: a temporary file renamed over the old one.
     *
     * @throws IOException also if a v3 node's {@code zarr.json} is missing or invalid (the message names it)
     */
    public static void writeAttributes(Path dir, ZarrFormat format, JsonObject attributes) throws IOException {
        if (format == ZarrFormat.V2) {
            MetadataFiles.write(dir.resolve(ZATTRS), attributes, MetadataFiles.V2_INDENT);
            return;
        }
        Path file = dir.resolve(V3Metadata.FILE);
        JsonObject node;
        try {
            node = MetadataFiles.read(file);
        } catch (InvalidInputException e) {
            throw new IOException(e.getMessage(), e);
        }
        node.add("attributes", attributes.deepCopy());
        MetadataFiles.write(file, node, MetadataFiles.V3_INDENT);
    }
}

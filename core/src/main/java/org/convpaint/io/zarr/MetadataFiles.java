package org.convpaint.io.zarr;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;

import org.convpaint.InvalidInputException;

/**
 * Reading and writing the JSON metadata files of Zarr nodes ({@code .zarray}, {@code .zgroup}, {@code .zattrs},
 * {@code zarr.json}). Reading refuses files over {@link #MAX_BYTES} before reading them and anything that is not
 * one JSON object; writing is atomic (a temporary file in the same folder renamed over the target) and
 * pretty-printed as zarr-python writes it (no HTML escaping). Stateless.
 */
final class MetadataFiles {
    /** Largest metadata file read: 1 MiB. */
    static final int MAX_BYTES = 1 << 20;
    /** Indent of v2 metadata (zarr-python 2: {@code json.dumps(indent=4)}). */
    static final String V2_INDENT = "    ";
    /** Indent of v3 metadata (zarr-python 3: {@code json_indent=2}). */
    static final String V3_INDENT = "  ";

    private MetadataFiles() {
    }

    /** Whether {@code file} exists as a regular file. */
    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }

    /**
     * The JSON object in {@code file}.
     *
     * @throws InvalidInputException naming {@code file}: missing, unreadable, larger than 1 MiB, not JSON, not an
     *                               object
     */
    static JsonObject read(Path file) throws InvalidInputException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InvalidInputException("metadata file of " + size + " bytes, more than the " + MAX_BYTES
                        + " bytes accepted: not Zarr metadata", file);
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("file not found: check the path", file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read metadata: " + e, file);
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("metadata file larger than the " + MAX_BYTES + " bytes accepted", file);
        }
        JsonElement json;
        try {
            JsonReader reader = new JsonReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
            reader.setNestingLimit(64);
            json = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new JsonParseException("data after the JSON value");
            }
        } catch (JsonParseException | IOException | IllegalStateException | StackOverflowError e) {
            throw new InvalidInputException("invalid JSON (" + oneLine(e.getMessage()) + "): the Zarr metadata is "
                    + "damaged", file);
        }
        if (!json.isJsonObject()) {
            throw new InvalidInputException("invalid Zarr metadata: expected a JSON object", file);
        }
        return json.getAsJsonObject();
    }

    /** Writes {@code json} to {@code file} atomically, indented by {@code indent}, with a final newline. */
    static void write(Path file, JsonElement json, String indent) throws IOException {
        Gson gson = new GsonBuilder().disableHtmlEscaping().serializeNulls()
                .setFormattingStyle(FormattingStyle.PRETTY.withIndent(indent)).create();
        writeAtomically(file, (gson.toJson(json) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to a temporary file next to {@code file} and renames it over {@code file}. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code s} on one line (line breaks replaced by spaces), for messages. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}

package org.convpaint.io.ngff;

import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.convpaint.image.Calibration;
import org.convpaint.io.zarr.ZarrFormat;

/**
 * The NGFF attributes this engine writes: a one-level {@code multiscales} image (axes with types and units, the
 * level's scale), {@code image-label} for label images, and the {@code labels} listing of an image's
 * {@code labels} group. NGFF 0.4 on Zarr v2 (keys at the top of the attributes), 0.5 on Zarr v3 (under {@code ome}).
 * Stateless.
 */
final class NgffMetadata {
    private NgffMetadata() {
    }

    /** The NGFF version written on a store of this Zarr format. */
    static String version(ZarrFormat format) {
        return format == ZarrFormat.V3 ? "0.5" : "0.4";
    }

    /**
     * Attributes of a one-level image with array {@code 0}.
     *
     * @param axes        letters (T, C, Z, Y, X) in array order
     * @param calibration pixel sizes and units (unknown sizes are written as 1)
     * @param name        the multiscale's name
     * @param label       a label image (with {@code image-label})
     * @param sourceImage for label images, the path of the image they label relative to the label image (NGFF's
     *                    {@code image-label.source.image}), or null if there is no such file
     */
    static JsonObject image(ZarrFormat format, String axes, Calibration calibration, String name, boolean label,
            String sourceImage) {
        String version = version(format);
        JsonArray axisList = new JsonArray();
        JsonArray scale = new JsonArray();
        for (char a : axes.toCharArray()) {
            JsonObject axis = new JsonObject();
            axis.addProperty("name", String.valueOf(a).toLowerCase(Locale.ROOT));
            axis.addProperty("type", a == 'T' ? "time" : a == 'C' ? "channel" : "space");
            String unit = switch (a) {
                case 'T' -> NgffUnits.toNgff(calibration.timeUnit());
                case 'C' -> null;
                default -> NgffUnits.toNgff(calibration.spaceUnit());
            };
            if (unit != null) {
                axis.addProperty("unit", unit);
            }
            axisList.add(axis);
            double s = switch (a) {
                case 'T' -> calibration.timeInterval();
                case 'Z' -> calibration.voxelDepth();
                case 'Y' -> calibration.pixelHeight();
                case 'X' -> calibration.pixelWidth();
                default -> 1;
            };
            scale.add(new JsonPrimitive(s > 0 && Double.isFinite(s) ? s : 1.0));
        }
        JsonObject transform = new JsonObject();
        transform.addProperty("type", "scale");
        transform.add("scale", scale);
        JsonObject dataset = new JsonObject();
        dataset.addProperty("path", "0");
        dataset.add("coordinateTransformations", array(transform));
        JsonObject ms = new JsonObject();
        if (format == ZarrFormat.V2) {
            ms.addProperty("version", version);
        }
        ms.addProperty("name", name);
        ms.add("axes", axisList);
        ms.add("datasets", array(dataset));
        JsonObject ome = new JsonObject();
        ome.add("multiscales", array(ms));
        if (label) {
            JsonObject imageLabel = new JsonObject();
            if (format == ZarrFormat.V2) {
                imageLabel.addProperty("version", version);
            }
            if (sourceImage != null) {
                JsonObject source = new JsonObject();
                source.addProperty("image", sourceImage);
                imageLabel.add("source", source);
            }
            ome.add("image-label", imageLabel);
        }
        return wrap(format, ome);
    }

    /**
     * The attributes of a {@code labels} group after adding {@code name} to its listing (kept once, other entries
     * and attributes kept).
     */
    static JsonObject withLabel(ZarrFormat format, JsonObject attributes, String name) {
        JsonObject out = attributes.deepCopy();
        JsonObject root = out;
        if (format == ZarrFormat.V3) {
            if (!out.has("ome") || !out.get("ome").isJsonObject()) {
                out.add("ome", new JsonObject());
            }
            root = out.getAsJsonObject("ome");
            root.addProperty("version", version(format));
        }
        JsonArray labels = root.has("labels") && root.get("labels").isJsonArray() ? root.getAsJsonArray("labels")
                : new JsonArray();
        if (!labels.contains(new JsonPrimitive(name))) {
            labels.add(name);
        }
        root.add("labels", labels);
        return out;
    }

    private static JsonObject wrap(ZarrFormat format, JsonObject ome) {
        if (format == ZarrFormat.V2) {
            return ome;
        }
        JsonObject inner = new JsonObject();
        inner.addProperty("version", version(format));
        ome.entrySet().forEach(e -> inner.add(e.getKey(), e.getValue()));
        JsonObject out = new JsonObject();
        out.add("ome", inner);
        return out;
    }

    private static JsonArray array(JsonElement... items) {
        JsonArray a = new JsonArray();
        List.of(items).forEach(a::add);
        return a;
    }
}

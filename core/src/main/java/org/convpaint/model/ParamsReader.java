package org.convpaint.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convpaint.InvalidModelException;
import org.convpaint.Messages;
import org.convpaint.pickle.PyInstance;

/**
 * Turns a pickled {@code Param} into {@link ConvpaintParams}. Differences from napari-convpaint HEAD, each
 * recorded as a note on the model:
 * <ul>
 * <li>legacy {@code multi_channel_img=True} / {@code rgb_img=True} without {@code channel_mode} map to
 * {@code multi} / {@code rgb} (convpaint silently falls back to {@code single} and then fails on the feature
 * count);</li>
 * <li>fields convpaint would crash on when missing ({@code image_downsample}, {@code seg_smoothening},
 * {@code fe_scalings}, {@code fe_order}) take the defaults of a new convpaint model;</li>
 * <li>DINO extractor names of older convpaint versions (DINOv2 ≤ 1.1.0, DINOv3 before its release name) are
 * renamed to the current ones.</li>
 * </ul>
 * Values napari-convpaint would not accept, or that would make every image fail, are refused at load with the
 * field's name; the bounds are those of {@link ParamLimits}.
 * Fields whose {@code None} convpaint handles are resolved as convpaint does ({@code normalize None} = none,
 * {@code tile_image None} = false, {@code unpatch_order None} = 1).
 */
final class ParamsReader {
    private ParamsReader() {
    }

    static ConvpaintParams read(PyInstance param, Path source, List<String> notes) throws InvalidModelException {
        Map<Object, Object> s = param.state();
        ConvpaintParams d = ConvpaintParams.defaults();

        Object feName = s.get("fe_name");
        if (!(feName instanceof String rawName) || rawName.isBlank()) {
            throw new InvalidModelException("the model's parameters name no feature extractor (fe_name)", source);
        }
        ParamLimits.checkName("fe_name", rawName, source);
        String extractor = ExtractorCatalog.canonicalName(rawName);
        if (!extractor.equals(rawName)) {
            notes.add("feature extractor " + Messages.quote(rawName) + " (an older napari-convpaint name) is read as "
                    + Messages.quote(extractor));
        }

        ChannelMode mode;
        if (s.get("channel_mode") instanceof String cm) {
            mode = ChannelMode.fromPython(cm);
            if (mode == null) {
                throw new InvalidModelException("unknown channel_mode " + Messages.quote(cm)
                        + " (expected single, multi or rgb)",
                        source);
            }
        } else if (Boolean.TRUE.equals(s.get("rgb_img"))) {
            mode = ChannelMode.RGB;
            notes.add("legacy parameter rgb_img=True is read as channel_mode 'rgb'");
        } else if (Boolean.TRUE.equals(s.get("multi_channel_img"))) {
            mode = ChannelMode.MULTI;
            notes.add("legacy parameter multi_channel_img=True is read as channel_mode 'multi' "
                    + "(napari-convpaint >= 0.8.2 would ignore it and use 'single')");
        } else {
            mode = ChannelMode.SINGLE;
        }

        List<String> layers;
        try {
            layers = LayerNames.normalize(extractor, s.get("fe_layers") instanceof List<?> l ? l : null);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException("invalid fe_layers: " + e.getMessage(), source);
        }
        ParamLimits.checkLayers(extractor, layers, source);

        List<Integer> scalings = new ArrayList<>();
        if (s.get("fe_scalings") instanceof List<?> list && !list.isEmpty()) {
            for (Object o : list) {
                scalings.add(ParamLimits.scaling(o, source));
            }
            ParamLimits.checkScalings(scalings, source);
        } else {
            scalings.addAll(List.of(1));
            notes.add("fe_scalings is missing; using [1]");
        }
        int downsample = intOr(s, "image_downsample", d.imageDownsample(), "image_downsample", notes, source);
        int smoothening = intOr(s, "seg_smoothening", d.segSmoothening(), "seg_smoothening", notes, source);
        int unpatchOrder = intOr(s, "unpatch_order", 1, null, notes, source);
        int order = intOr(s, "fe_order", 1, "fe_order", notes, source);
        ParamLimits.checkRange("image_downsample", downsample, ParamLimits.MIN_DOWNSAMPLE, ParamLimits.MAX_DOWNSAMPLE,
                source);
        ParamLimits.checkRange("seg_smoothening", smoothening, ParamLimits.MIN_SMOOTHENING,
                ParamLimits.MAX_SMOOTHENING, source);
        ParamLimits.checkRange("unpatch_order", unpatchOrder, 0, ParamLimits.MAX_ORDER, source);
        ParamLimits.checkRange("fe_order", order, 0, ParamLimits.MAX_ORDER, source);

        return new ConvpaintParams(
                s.get("classifier") instanceof String c ? c : null,
                mode,
                intOr(s, "normalize", 1, null, notes, source),
                downsample,
                smoothening,
                Boolean.TRUE.equals(s.get("tile_annotations")),
                Boolean.TRUE.equals(s.get("tile_image")),
                Boolean.TRUE.equals(s.get("use_dask")),
                unpatchOrder,
                extractor,
                layers,
                scalings,
                order,
                Boolean.TRUE.equals(s.get("fe_use_min_features")),
                s.get("fe_use_gpu") instanceof Boolean b ? b : null,
                s.get("clf_iterations") instanceof Number n && fitsInt(n) ? n.intValue() : null,
                s.get("clf_learning_rate") instanceof Number n ? n.doubleValue() : null,
                s.get("clf_depth") instanceof Number n && fitsInt(n) ? n.intValue() : null,
                s.get("clf_use_gpu") instanceof Boolean b ? b : null);
    }

    /**
     * An integer field; {@code None}/missing gives {@code fallback}, noted when {@code noteName} is set.
     *
     * @throws InvalidModelException the value is not an integer of Java's int range
     */
    private static int intOr(Map<Object, Object> s, String key, int fallback, String noteName, List<String> notes,
            Path source) throws InvalidModelException {
        Object v = s.get(key);
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Number n) {
            if (!fitsInt(n)) {
                throw new InvalidModelException("invalid " + key + " " + Messages.describe(v)
                        + " (expected an integer)", source);
            }
            return n.intValue();
        }
        if (v != null) {
            throw new InvalidModelException("invalid " + key + " " + Messages.describe(v) + " (expected an integer)",
                    source);
        }
        if (noteName != null) {
            notes.add(noteName + " is missing; using " + fallback);
        }
        return fallback;
    }

    /** Whether {@code n} is an integral value in Java's int range. */
    static boolean fitsInt(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE && n.longValue() == (long) d;
    }
}

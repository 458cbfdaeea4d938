package org.convpaint.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidModelException;
import org.convpaint.Messages;
import org.convpaint.UnsupportedModelException;
import org.convpaint.classify.CatBoostPixelClassifier;
import org.convpaint.classify.PixelClassifier;
import org.convpaint.classify.SklearnForestReader;
import org.convpaint.pickle.AllowList;
import org.convpaint.pickle.PyInstance;
import org.convpaint.pickle.SafeUnpickler;

/**
 * Reads a napari-convpaint {@code .pkl} (format of convpaint 0.6 and later) without executing anything from it.
 * The file is never modified (convpaint itself rewrites old files in place; we do not).
 *
 * <p>Hostile files: every failure, including a file that would need more memory or stack than is available, is a
 * {@link ConvpaintException} with one line of bounded length; the limits are those of
 * {@link org.convpaint.pickle.PickleLimits} and of the parameter checks in {@link ParamsReader}.
 */
public final class ModelLoader {
    private static final String WHAT = "napari-convpaint model (.pkl)";
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private ModelLoader() {
    }

    /**
     * @throws InvalidModelException     the file is missing, unreadable, damaged, or not a convpaint model
     * @throws UnsupportedModelException the file needs a class outside the allow-list or a layout we do not read
     */
    public static ConvpaintModel load(Path file) throws ConvpaintException {
        byte[] data = readAll(file);
        checkLooksLikePickle(data, file);
        try {
            Object root = SafeUnpickler.load(data, AllowList.convpaintModel(), file, WHAT);
            return fromPickle(root, file);
        } catch (OutOfMemoryError e) {
            throw new InvalidModelException("reading the model needs more memory than is available; the file ("
                    + data.length + " bytes) is damaged or not a convpaint model", file);
        } catch (StackOverflowError e) {
            throw new InvalidModelException("the model's objects are nested too deeply to read; the file is damaged "
                    + "or not a convpaint model", file);
        }
    }

    private static byte[] readAll(Path file) throws InvalidModelException {
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidModelException("is a folder; expected a " + WHAT, file);
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidModelException("is larger than 2 GB; this is not a convpaint model", file);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidModelException("model file not found", file);
        } catch (IOException e) {
            throw new InvalidModelException("cannot read the model file (" + e.getMessage() + ")", file, e);
        }
    }

    private static void checkLooksLikePickle(byte[] data, Path file) throws InvalidModelException {
        if (data.length == 0) {
            throw new InvalidModelException("the file is empty; expected a " + WHAT, file);
        }
        if (data.length >= 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4) {
            throw new InvalidModelException("is a zip archive (a PyTorch weights file?), not a " + WHAT
                    + "; pass it with --weights", file);
        }
        if ((data[0] & 0xff) != 0x80) {
            String head = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.ISO_8859_1);
            if (head.contains("fe_name:")) {
                throw new InvalidModelException("is a convpaint parameter file (.yml) and holds no trained classifier;"
                        + " use the .pkl saved next to it", file);
            }
            if (head.startsWith("II*\0") || head.startsWith("MM\0*")) {
                throw new InvalidModelException("is a TIFF image, not a " + WHAT, file);
            }
            throw new InvalidModelException("is not a Python pickle (protocol 2 or later); expected a " + WHAT, file);
        }
    }

    /** Interprets an unpickled object graph as a convpaint model. */
    static ConvpaintModel fromPickle(Object root, Path file) throws ConvpaintException {
        if (!(root instanceof Map<?, ?> dict)) {
            throw new InvalidModelException("holds a pickled " + describe(root) + ", not a " + WHAT
                    + " (a dict with 'classifier' and 'param')", file);
        }
        if (dict.containsKey("random_forest") && dict.containsKey("params")) {
            throw new UnsupportedModelException("was saved by napari-convpaint 0.5 or older, whose pipeline differs;"
                    + " open it in a current napari-convpaint and save it again", file);
        }
        if (!dict.containsKey("param") || !dict.containsKey("classifier")) {
            throw new InvalidModelException("is a pickled dict without 'classifier' and 'param' (keys: "
                    + keys(dict) + "); it is not a " + WHAT, file);
        }
        if (!(dict.get("param") instanceof PyInstance param) || !param.className().endsWith(".Param")) {
            throw new InvalidModelException("its 'param' entry is not a convpaint Param", file);
        }
        List<String> notes = new ArrayList<>();
        ConvpaintParams params = ParamsReader.read(param, file, notes);

        Object clf = dict.get("classifier");
        int declared = dict.get("num_features") instanceof Number n ? n.intValue() : -1;
        PixelClassifier classifier;
        if (clf == null) {
            throw new InvalidModelException("the model was saved untrained (it has no classifier); train it in "
                    + "napari-convpaint and save it again", file);
        } else if (SklearnForestReader.isForest(clf)) {
            classifier = SklearnForestReader.read((PyInstance) clf, file);
        } else if (CatBoostPixelClassifier.isCatBoost(clf)) {
            classifier = CatBoostPixelClassifier.read((PyInstance) clf, declared, file);
        } else {
            throw new UnsupportedModelException("classifier " + describe(clf)
                    + " is not supported (expected RandomForest or CatBoost)", file);
        }
        int numFeatures = declared > 0 ? declared : classifier.numFeatures();
        if (classifier.numFeatures() != numFeatures) {
            classifier.close();
            throw new InvalidModelException("the classifier expects " + classifier.numFeatures()
                    + " features but the model declares " + numFeatures, file);
        }
        if (classifier.numClasses() < 2) {
            classifier.close();
            throw new InvalidModelException("the classifier knows fewer than 2 classes", file);
        }
        return new ConvpaintModel(file, params, classifier, numFeatures, notes);
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof PyInstance p) {
            return p.className();
        }
        if (o instanceof Map) {
            return "dict";
        }
        if (o instanceof List || o instanceof Object[]) {
            return "list";
        }
        return o.getClass().getSimpleName();
    }

    private static String keys(Map<?, ?> dict) {
        List<String> names = new ArrayList<>();
        for (Object k : dict.keySet()) {
            if (names.size() == 8) {
                names.add("...");
                break;
            }
            names.add(k instanceof String str ? Messages.quote(str) : Messages.describe(k));
        }
        return String.join(", ", names);
    }
}

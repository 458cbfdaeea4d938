package org.convpaint.classify.catboost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.convpaint.pickle.AllowList;
import org.convpaint.pickle.PyInstance;
import org.convpaint.pickle.SafeUnpickler;
import org.convpaint.testing.Fixtures;

/**
 * The real CatBoost model of the fixtures: the {@code .cbm} bytes pickled in {@code external/lily_VGG16.pkl}
 * (third-party data: read at test time, never committed). Tests that call {@link #cbm()} are skipped with a
 * message when the fixtures are absent.
 */
final class Lily {
    private Lily() {
    }

    static Path file() {
        return Fixtures.file("external/lily_VGG16.pkl");
    }

    static byte[] cbm() throws Exception {
        Path p = file();
        Object root = SafeUnpickler.load(Files.readAllBytes(p), AllowList.convpaintModel(), p, "model");
        PyInstance clf = (PyInstance) ((Map<?, ?>) root).get("classifier");
        return (byte[]) clf.state().get("__model");
    }
}

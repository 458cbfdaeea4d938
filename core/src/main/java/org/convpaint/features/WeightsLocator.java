package org.convpaint.features;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.convpaint.ConvpaintException;
import org.convpaint.MissingWeightsException;
import org.convpaint.model.WeightsFile;
import org.convpaint.weights.TorchWeights;

/**
 * Finds the pretrained weights a feature extractor needs, in this order: files given explicitly (e.g.
 * {@code --weights}, matched to the extractor by their tensor names), {@code $CONVPAINT_WEIGHTS_DIR/<official
 * name>}, and the torch hub cache
 * ({@code $TORCH_HOME/hub/checkpoints}, default {@code ~/.cache/torch/hub/checkpoints}) where napari-convpaint
 * users already have them. Immutable; the environment is captured at construction.
 */
public final class WeightsLocator {
    private final List<Path> explicit;
    private final Map<String, String> env;
    private final Path userHome;

    /**
     * @param explicit files given by the user, in the order given
     * @param env      environment variables to consult
     * @param userHome the user's home folder
     */
    public WeightsLocator(List<Path> explicit, Map<String, String> env, Path userHome) {
        this.explicit = List.copyOf(explicit);
        this.env = Map.copyOf(env);
        this.userHome = userHome;
    }

    /** A locator over the process environment and {@code user.home}. */
    public static WeightsLocator fromEnvironment(List<Path> explicit) {
        return new WeightsLocator(explicit, System.getenv(), Path.of(System.getProperty("user.home", ".")));
    }

    /** The tensor names of a weights file (its data is not read). */
    public static Set<String> tensorNames(Path file) throws ConvpaintException {
        Set<String> names = new LinkedHashSet<>();
        TorchWeights.read(file, n -> {
            names.add(n);
            return false;
        });
        return names;
    }

    /** Explicitly given files. */
    public List<Path> explicitFiles() {
        return explicit;
    }

    /** Folders searched for files under their official names, in search order. */
    public List<Path> searchFolders() {
        List<Path> dirs = new ArrayList<>();
        String own = env.get("CONVPAINT_WEIGHTS_DIR");
        if (own != null && !own.isBlank()) {
            dirs.add(Path.of(own));
        }
        String torchHome = env.get("TORCH_HOME");
        Path hub = torchHome != null && !torchHome.isBlank() ? Path.of(torchHome)
                : userHome.resolve(".cache").resolve("torch");
        dirs.add(hub.resolve("hub").resolve("checkpoints"));
        return dirs;
    }

    /**
     * The file for {@code needed}: among the explicit files the one whose tensor names {@code recognizes} accepts
     * (a single explicit file is taken as is when only one kind is needed, so that its own validation can say what
     * is wrong with it), else the first search folder holding the official name.
     *
     * @param kinds how many different weights files the extractor needs in all
     * @throws MissingWeightsException saying which file is needed, where to put it and where to get it
     */
    public Path locate(WeightsFile needed, String extractor, Predicate<Set<String>> recognizes, int kinds)
            throws ConvpaintException {
        if (!explicit.isEmpty()) {
            for (Path p : explicit) {
                if (!Files.isRegularFile(p)) {
                    throw new MissingWeightsException("weights file " + p + " does not exist");
                }
            }
            for (Path p : explicit) {
                if (recognizes.test(tensorNames(p))) {
                    return p;
                }
            }
            if (explicit.size() == 1 && kinds == 1) {
                return explicit.get(0);
            }
            throw new MissingWeightsException("none of the --weights files holds weights the " + extractor
                    + " feature extractor needs: " + needed.fileName() + " (" + download(needed) + "); given: "
                    + String.join(", ", explicit.stream().map(Path::toString).toList()));
        }
        for (Path dir : searchFolders()) {
            Path p = dir.resolve(needed.fileName());
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new MissingWeightsException("the " + extractor + " feature extractor needs the weights file "
                + needed.fileName() + ": pass it with --weights FILE (KNIME: the node's weights file setting), or "
                + "put it in " + String.join(" or ", searchFolders().stream().map(Path::toString).toList())
                + " (" + download(needed) + ")");
    }

    /** Where to get the file, and the name to save it under when the download has another one. */
    private static String download(WeightsFile needed) {
        String url = needed.url();
        String served = url.substring(url.lastIndexOf('/') + 1);
        return "official download: " + url + (served.equals(needed.fileName()) ? ""
                : ", saved as " + needed.fileName());
    }
}

package org.convpaint.features.dino;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.convpaint.weights.Tensor;

/**
 * The tensors one network needs from its weights file, by state-dict name with their shapes, and the checks of a
 * loaded state dict against them (every required tensor present and of its shape; optional ones of their shape when
 * present). Messages name the network, its official file, the first problem and how many more there are, and say
 * what the file holds instead when none of the names matches. Immutable.
 */
public final class StateDictSpec {
    /** A network recognised by its tensor names, and how messages say so. */
    private record Known(String family, String description) {
    }

    private final String network;
    private final String fileName;
    private final Map<String, int[]> required;
    private final Map<String, int[]> optional;
    private final String family;

    /**
     * @param network    the network as messages name it, e.g. {@code DINOv2 ViT-S/14-reg}
     * @param fileName   its official weights file
     * @param required   tensors inference needs, in state-dict order
     * @param optional   tensors of the file inference does not use, checked only when present
     * @param family     {@code DINOv2} or {@code DINOv3}: files recognised as another family are named as such
     */
    StateDictSpec(String network, String fileName, Map<String, int[]> required, Map<String, int[]> optional,
            String family) {
        this.network = network;
        this.fileName = fileName;
        this.required = Collections.unmodifiableMap(new LinkedHashMap<>(required));
        this.optional = Map.copyOf(optional);
        this.family = family;
    }

    /** Names of the tensors inference needs, in state-dict order. */
    public List<String> requiredNames() {
        return List.copyOf(required.keySet());
    }

    /** The shape a required or optional tensor must have, or null for other names. */
    public int[] expectedShape(String name) {
        int[] s = required.get(name);
        if (s == null) {
            s = optional.get(name);
        }
        return s == null ? null : s.clone();
    }

    /** Filter for {@link org.convpaint.weights.TorchWeights#read}: the tensors inference needs. */
    public Predicate<String> wanted() {
        return required::containsKey;
    }

    /** Whether a file with these tensor names holds these weights (all required names present). */
    public boolean matches(Collection<String> names) {
        return names.containsAll(required.keySet());
    }

    /**
     * Checks presence and shape of every tensor inference needs (and of optional ones when present).
     *
     * @param fileNames all tensor names of the file the weights were read from (to say what it holds instead)
     * @throws IllegalArgumentException naming the first missing or misshaped tensor
     */
    public void validate(Map<String, Tensor> weights, Collection<String> fileNames) {
        List<String> missing = new ArrayList<>();
        List<String> misshaped = new ArrayList<>();
        for (Map.Entry<String, int[]> e : required.entrySet()) {
            Tensor t = weights.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                misshaped.add(describe(e.getKey(), t.shape(), e.getValue()));
            }
        }
        for (Map.Entry<String, int[]> e : optional.entrySet()) {
            Tensor t = weights.get(e.getKey());
            if (t != null && !Arrays.equals(t.shape(), e.getValue())) {
                misshaped.add(describe(e.getKey(), t.shape(), e.getValue()));
            }
        }
        if (missing.isEmpty() && misshaped.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder("not " + network + " weights (" + fileName + "): ");
        int problems = missing.size() + misshaped.size();
        if (!misshaped.isEmpty()) {
            msg.append(misshaped.get(0));
        } else {
            msg.append("no tensor '").append(missing.get(0)).append('\'');
        }
        if (problems > 1) {
            msg.append(" (and ").append(problems - 1).append(" more missing or misshaped tensors)");
        }
        Known other = knownNetwork(fileNames);
        if (other != null && !other.family().equals(family)) {
            msg.append("; ").append(other.description());
        } else if (missing.size() == required.size()) {
            msg.append("; none of its ").append(fileNames.size()).append(" tensors has a ").append(network)
                    .append(" name");
        }
        throw new IllegalArgumentException(msg.toString());
    }

    private String describe(String name, int[] actual, int[] expected) {
        return "tensor '" + name + "' has shape " + Arrays.toString(actual) + ", " + network + " needs "
                + Arrays.toString(expected);
    }

    /** What a file holds, judged by its tensor names: VGG16, DINOv2 or DINOv3 weights, or null. */
    private static Known knownNetwork(Collection<String> fileNames) {
        if (fileNames.stream().anyMatch(k -> k.startsWith("features.") || k.matches("\\d+\\.(weight|bias)"))) {
            return new Known("VGG16", "the file holds VGG16 tensors (features.N.*)");
        }
        if (fileNames.contains("register_tokens") || fileNames.contains("pos_embed")
                && fileNames.contains("blocks.0.ls1.gamma")) {
            return new Known("DINOv2", "the file holds DINOv2 tensors (register_tokens, pos_embed)");
        }
        if (fileNames.contains("storage_tokens")) {
            return new Known("Meta DINOv3", "the file holds Meta's original DINOv3 checkpoint (storage_tokens); "
                    + "convpaint uses timm's conversion of it");
        }
        if (fileNames.contains("reg_token") && fileNames.contains("blocks.0.gamma_1")) {
            return new Known("DINOv3", "the file holds timm DINOv3 tensors (reg_token, blocks.N.gamma_1)");
        }
        return null;
    }
}

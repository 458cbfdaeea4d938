package org.convpaint.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What every process of a job needs to open the same model and input: shipped to the executors. Immutable.
 *
 * @param model       the model file's name among the files shipped with the job (or its path where no files are
 *                    shipped)
 * @param weights     weights files' names among the shipped files (or paths)
 * @param downsample  {@code image_downsample} to use, or null for the model's
 * @param instance    instance labels instead of semantic ones
 * @param background  class label set to 0 (0: none)
 * @param channels    channels as {@code convpaint predict --channel(s)} takes them, or null
 * @param axes        the input's axes, or null to read them from its metadata
 * @param level       OME-Zarr resolution level
 * @param cpu         force the CPU
 * @param block       block side in pixels of the downsampled grid; 0 = chosen from the memory of a task
 * @param input       the input, a path every executor can read
 * @param output      the OME-Zarr label store to write, a path every executor can write
 * @param probabilities the OME-Zarr store for the class probabilities, or null for none
 * @param intoInput   the labels go into the input OME-Zarr image as {@code labels/convpaint} ({@code output} is
 *                    that folder)
 */
record JobSettings(String model, List<String> weights, Integer downsample, boolean instance, int background,
        List<Integer> channels, String axes, int level, boolean cpu, int block, String input, String output,
        String probabilities, boolean intoInput)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    JobSettings {
        weights = List.copyOf(weights);
        channels = channels == null ? null : List.copyOf(channels);
        if (block != 0 && block < 16) {
            throw new IllegalArgumentException("--block must be at least 16 pixels, got " + block);
        }
    }
}

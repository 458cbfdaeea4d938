package org.convpaint.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.convpaint.image.SourceStack;
import org.convpaint.image.Volume;
import org.convpaint.model.ChannelMode;

/**
 * convpaint's {@code _prep_dims_single}: brings one timepoint to [C, Z, H, W] and settles the channel mode the
 * way convpaint mutates it: a model in {@code multi}/{@code rgb} mode given an image without channels runs as
 * {@code single}; more than one channel with a {@code single} model runs as {@code multi}; {@code rgb} with other
 * than 3 channels runs as {@code single} (1 channel) or {@code multi}. Each mutation is reported as a warning.
 */
public final class InputPreparation {
    private InputPreparation() {
    }

    /**
     * @param stack       the image as [C, Z, H, W] (raw values)
     * @param channelMode the channel mode the pipeline runs with
     * @param hasZ        whether the input had a Z axis (the output keeps it only then)
     * @param warnings    what convpaint would warn about, one sentence each
     */
    public record Prepared(SourceStack stack, ChannelMode channelMode, boolean hasZ, List<String> warnings) {
    }

    public static Prepared prepare(Volume v, ChannelMode modelMode) {
        int c = v.size('C');
        int z = v.size('Z');
        SourceStack stack = new SourceStack(c, z, v.size('Y'), v.size('X'), v.data());
        List<String> warnings = new ArrayList<>();
        ChannelMode mode = modelMode;
        if (!v.has('C') && mode != ChannelMode.SINGLE) {
            warnings.add("the model expects channels (channel mode " + mode.pythonName()
                    + ") but the image has none; processing it as a single-channel image");
            mode = ChannelMode.SINGLE;
        } else if (c > 1 && mode == ChannelMode.SINGLE) {
            warnings.add("the image has " + c + " channels but the model is single-channel; processing the "
                    + "channels as a multi-channel image");
            mode = ChannelMode.MULTI;
        }
        if (mode == ChannelMode.RGB && c != 3) {
            warnings.add("the model expects RGB but the image has " + c + " channels; processing it as non-RGB");
            mode = c == 1 ? ChannelMode.SINGLE : ChannelMode.MULTI;
        }
        return new Prepared(stack, mode, v.has('Z'), warnings);
    }
}

package org.convpaint.model;

import java.util.Locale;

/** How convpaint reads the first axis of a 3-D input (convpaint's {@code channel_mode}). */
public enum ChannelMode {
    /** Each plane is a one-channel image; the first axis of a 3-D input is Z or T. */
    SINGLE,
    /** The first axis holds channels, each processed as a separate feature series. */
    MULTI,
    /** Three RGB channels fed to the network together (ImageNet normalisation for ImageNet extractors). */
    RGB;

    /** The value as convpaint spells it: {@code single}, {@code multi} or {@code rgb}. */
    public String pythonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses convpaint's spelling; returns null for an unknown value. */
    public static ChannelMode fromPython(String s) {
        for (ChannelMode m : values()) {
            if (m.pythonName().equals(s)) {
                return m;
            }
        }
        return null;
    }
}

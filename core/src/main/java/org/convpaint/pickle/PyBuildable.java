package org.convpaint.pickle;

/** An object that accepts the pickle {@code BUILD} opcode ({@code __setstate__} or {@code __dict__.update}). */
public interface PyBuildable {

    /** Receives the state pushed before {@code BUILD}; throws {@link PickleRejection} if it is malformed. */
    void build(Object state);
}

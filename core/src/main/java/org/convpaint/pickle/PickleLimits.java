package org.convpaint.pickle;

/**
 * The limits a {@link SafeUnpickler} enforces while it reads, so that a hostile file fails fast with a clear message
 * instead of exhausting the stack, the heap or the CPU. Real napari-convpaint models stay far below each of them
 * (measured on the team's 15 fixture models and lily_VGG16.pkl: nesting depth 16, at most 2 885 containers, 3 421
 * memo entries, 788 stack entries, no integer wider than 8 bytes).
 */
public final class PickleLimits {
    /** Deepest nesting of containers (lists, tuples, dicts, sets, objects) in one pickle. */
    public static final int MAX_DEPTH = 1000;

    /** Widest integer: bytes of a {@code LONG1}/{@code LONG4} (512 bits). */
    public static final int MAX_INTEGER_BYTES = 64;

    /** Longest text line of a protocol-0 number ({@code INT}, {@code LONG}, {@code FLOAT}), in characters. */
    public static final int MAX_NUMBER_CHARS = 160;

    /** Containers allowed in any input, whatever its size. */
    public static final int MAX_CONTAINERS = 1_000_000;

    /** Input bytes each container (and each stack or memo entry) must be paid for, beyond a base allowance. */
    public static final int BYTES_PER_OBJECT = 4;

    /** Containers, stack entries and memo entries any input may have regardless of its size. */
    public static final int BASE_ALLOWANCE = 4096;

    /** Values (every object pushed by an opcode) allowed in one input, whatever its size. */
    public static final int MAX_VALUES = 4_000_000;

    private PickleLimits() {
    }

    /** Containers, stack entries or memo entries allowed for an input of {@code inputBytes} bytes. */
    public static int objectsAllowed(long inputBytes) {
        return (int) Math.min(MAX_CONTAINERS, BASE_ALLOWANCE + inputBytes / BYTES_PER_OBJECT);
    }
}

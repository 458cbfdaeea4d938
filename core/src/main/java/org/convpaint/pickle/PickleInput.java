package org.convpaint.pickle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import net.razorvine.pickle.PickleUtils;

/**
 * The bytes of one input, read by the pickle VM. Every length is checked against the bytes left before anything is
 * allocated; text lines and integers are bounded by {@link PickleLimits}. Not thread-safe.
 */
final class PickleInput extends ByteArrayInputStream {
    PickleInput(byte[] data) {
        super(data);
    }

    /** Bytes consumed so far. */
    int position() {
        return pos;
    }

    /** Size of the whole input. */
    int length() {
        return count;
    }

    /** Takes exactly {@code n} bytes, failing if fewer are left. */
    byte[] take(long n) throws IOException {
        if (n < 0 || n > available()) {
            throw new IOException("a length prefix claims " + n + " bytes but only " + available() + " are left");
        }
        byte[] b = new byte[(int) n];
        System.arraycopy(buf, pos, b, 0, (int) n);
        pos += (int) n;
        return b;
    }

    /** A 4-byte signed little-endian integer. */
    long int32() throws IOException {
        return PickleUtils.bytes_to_integer(take(4));
    }

    /** An 8-byte signed little-endian integer. */
    long int64() throws IOException {
        return PickleUtils.bytes_to_long(take(8), 0);
    }

    /** A text line of at most {@code max} characters (ISO-8859-1), without its {@code \n}. */
    String line(int max, String what) throws IOException {
        int start = pos;
        int end = Math.min(count, pos + max + 1);
        for (int i = start; i < end; i++) {
            if (buf[i] == '\n') {
                pos = i + 1;
                return new String(buf, start, i - start, StandardCharsets.ISO_8859_1);
            }
        }
        if (end == count) {
            throw new IOException("the file ends inside " + what);
        }
        throw PickleRejection.invalid(what + " is longer than " + max + " characters");
    }

    /** {@code LONG1}/{@code LONG4}: a little-endian two's-complement integer of {@code n} bytes. */
    Number longBytes(long n) throws IOException {
        if (n < 0 || n > PickleLimits.MAX_INTEGER_BYTES) {
            throw PickleRejection.invalid("an integer of " + n + " bytes is wider than the "
                    + PickleLimits.MAX_INTEGER_BYTES + " bytes a model file may use");
        }
        return PickleUtils.decode_long(take(n));
    }

    /** Protocol-0 {@code INT} / {@code LONG}: decimal digits, optionally ending in {@code L}. */
    Object textInteger(String opcode) throws IOException {
        String s = line(PickleLimits.MAX_NUMBER_CHARS, "a text integer (" + opcode + ")");
        if ("00".equals(s)) {
            return Boolean.FALSE;
        }
        if ("01".equals(s)) {
            return Boolean.TRUE;
        }
        String digits = s.endsWith("L") ? s.substring(0, s.length() - 1) : s;
        if (!digits.matches("[+-]?[0-9]+")) {
            throw PickleRejection.invalid("malformed text integer in " + opcode);
        }
        BigInteger v = new BigInteger(digits);
        if (v.bitLength() > 8 * PickleLimits.MAX_INTEGER_BYTES) {
            throw PickleRejection.invalid("an integer is wider than the " + PickleLimits.MAX_INTEGER_BYTES
                    + " bytes a model file may use");
        }
        return PickleUtils.optimizeBigint(v);
    }

    /** Protocol-0 {@code FLOAT}: a decimal float on one line. */
    double textFloat() throws IOException {
        String s = line(PickleLimits.MAX_NUMBER_CHARS, "a text float (FLOAT)");
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw PickleRejection.invalid("malformed text float in FLOAT");
        }
    }
}

package dev.ripple.consistency.internal;

import java.nio.charset.StandardCharsets;

/** A bounds-checked cursor over untrusted bytes; every failure is an IllegalArgumentException naming the spot. */
public final class ByteReader {

    private final byte[] bytes;
    private int pos;

    public ByteReader(byte[] bytes) {
        this.bytes = bytes;
    }

    public boolean atEnd() {
        return pos == bytes.length;
    }

    public int remaining() {
        return bytes.length - pos;
    }

    /** Reads an unsigned LEB128 varint of at most 10 bytes. */
    public long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= bytes.length) {
                throw new IllegalArgumentException("truncated varint at byte " + pos);
            }
            byte b = bytes[pos++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 63 && (b & 0x7e) != 0) {
                    throw new IllegalArgumentException("varint overflows 64 bits at byte " + (pos - 1));
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at byte " + pos);
    }

    /** Reads a varint that must lie in [0, max]; {@code what} names it in the error. */
    public int readVarInt(int max, String what) {
        long v = readVarLong();
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " " + Long.toUnsignedString(v) + " out of range [0, " + max + "]");
        }
        return (int) v;
    }

    public long readZigZag() {
        long v = readVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    public String readAscii(int length) {
        if (length > remaining()) {
            throw new IllegalArgumentException("truncated name at byte " + pos + ": need " + length + " bytes");
        }
        String s = new String(bytes, pos, length, StandardCharsets.US_ASCII);
        pos += length;
        return s;
    }
}

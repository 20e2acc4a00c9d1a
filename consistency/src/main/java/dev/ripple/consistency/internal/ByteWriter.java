package dev.ripple.consistency.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with varint and zigzag writers. Not thread-safe. */
public final class ByteWriter {

    private byte[] buf = new byte[64];
    private int size;

    public void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7fL) != 0) {
            buf[size++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
    }

    public void writeZigZag(long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    public void writeAscii(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        writeVarLong(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}

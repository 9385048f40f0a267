package org.giggityflix.peer.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code JsonBytes} is responsible for writing JSON as UTF-8 straight into one byte array, for statements that hand
 * SQLite many rows as one parameter (read by its {@code json_each(CAST(? AS TEXT))} in C): no String to build,
 * none for the driver to encode again.
 */
final class JsonBytes {

    private byte[] bytes;
    private int size;

    JsonBytes(int capacity) {
        bytes = new byte[capacity];
    }

    int size() {
        return size;
    }

    JsonBytes put(char ascii) {
        room(1);
        bytes[size++] = (byte) ascii;
        return this;
    }

    /** The decimal digits of {@code value}, written in place (no String per id). */
    JsonBytes putLong(long value) {
        if (value < 0) {
            put('-');
            if (value == Long.MIN_VALUE) {
                put('9');
                value = -(value + 9_000_000_000_000_000_000L);
            } else {
                value = -value;
            }
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        room(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += digits;
        return this;
    }

    /** A JSON string: quotes, backslashes and control characters escaped (the Edge chooses catalog ids). */
    JsonBytes putString(String value) {
        put('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                put('\\').put(c);
            } else if (c < 0x20) {
                put('\\').put('u').put('0').put('0').put(Character.forDigit(c >> 4, 16))
                        .put(Character.forDigit(c & 15, 16));
            } else if (c < 0x80) {
                put(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                byte[] utf8 = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
                room(utf8.length);
                System.arraycopy(utf8, 0, bytes, size, utf8.length);
                size += utf8.length;
                i = end - 1;
            }
        }
        return put('"');
    }

    /** The array itself, its unused end blanked (JSON allows trailing white space): no copy. */
    byte[] toArray() {
        Arrays.fill(bytes, size, bytes.length, (byte) ' ');
        return bytes;
    }

    private void room(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}

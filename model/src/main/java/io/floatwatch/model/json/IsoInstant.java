package io.floatwatch.model.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants the writers here produce ({@code 2026-11-23T12:00:05Z}, or with a fraction of
 * up to nine digits) without a {@link java.time.format.DateTimeFormatter}: the analyzer reads one
 * per republished observation, and the formatter's parse was half of that record's cost.
 *
 * <p>Only that one strict form is read; anything else (lower case, an offset, a leap second, a
 * year outside 0000-9999, an invalid date) gives null and is the caller's to read the general way,
 * so an answer from here is always the one {@link Instant#parse} gives.
 */
public final class IsoInstant {

    private static final int SHORTEST = "0000-00-00T00:00:00Z".length();
    private static final int LONGEST = "0000-00-00T00:00:00.000000000Z".length();
    private static final int[] NANOS_PER_DIGIT = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private IsoInstant() {
    }

    /** The instant in the ASCII {@code bytes[from, to)} (no quotes), or null when it is not in the strict form. */
    public static Instant parse(byte[] bytes, int from, int to) {
        return from < 0 || to > bytes.length || from > to ? null : parse(new Ascii(bytes), from, to);
    }

    /** The instant in {@code text[from, to)}, or null when it is not in the strict form. */
    public static Instant parse(CharSequence text, int from, int to) {
        int length = to - from;
        if (length < SHORTEST || length > LONGEST || length == SHORTEST + 1 || text.charAt(to - 1) != 'Z'
                || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-' || text.charAt(from + 10) != 'T'
                || text.charAt(from + 13) != ':' || text.charAt(from + 16) != ':') {
            return null;
        }
        int year = digits(text, from, 4);
        int month = digits(text, from + 5, 2);
        int day = digits(text, from + 8, 2);
        int hour = digits(text, from + 11, 2);
        int minute = digits(text, from + 14, 2);
        int second = digits(text, from + 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > SHORTEST) {
            if (text.charAt(from + 19) != '.') {
                return null;
            }
            for (int i = from + 20, d = 0; i < to - 1; i++, d++) {
                int digit = text.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    return null;
                }
                nanos += digit * NANOS_PER_DIGIT[d];
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number in {@code count} ASCII digits from {@code at}, or -1. */
    private static int digits(CharSequence text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Bytes read as characters without decoding: the strict form is ASCII, and anything else fails it anyway. */
    private record Ascii(byte[] bytes) implements CharSequence {

        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public char charAt(int index) {
            return (char) (bytes[index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(bytes, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}

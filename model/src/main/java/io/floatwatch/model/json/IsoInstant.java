package io.floatwatch.model.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes and reads the instants on the wire ({@code 2026-11-23T12:00:05Z}, or with a fraction of
 * up to nine digits) without a {@link java.time.format.DateTimeFormatter}: the analyzer reads one
 * per republished observation, and the formatter's parse was half of that record's cost.
 *
 * <p>Only that one strict form is read; anything else (lower case, an offset, a leap second, a
 * year outside 0000-9999, an invalid date) gives null and is the caller's to read the general way,
 * so an answer from here is always the one {@link Instant#parse} gives.
 */
public final class IsoInstant {

    private static final int SHORTEST = "0000-00-00T00:00:00Z".length();
    /** The longest text {@link #format} writes. */
    public static final int LONGEST = "0000-00-00T00:00:00.000000000Z".length();
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits and no sign. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long LAST_SECOND = 253_402_300_799L;
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

    /**
     * Writes the instant as {@link java.time.format.DateTimeFormatter#ISO_INSTANT} does (the fraction in
     * groups of three digits, none when whole) into {@code out} from 0 and returns the length, or
     * returns -1 for a year outside 0000-9999, which the caller writes the general way. A collector
     * writes one or more per observation, and the formatter was a twentieth of its encoding.
     */
    public static int format(Instant instant, char[] out) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND || out.length < LONGEST) {
            return -1;
        }
        long epochDay = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int year = date.getYear();
        int month = date.getMonthValue();
        int day = date.getDayOfMonth();
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, month, 2);
        out[7] = '-';
        put(out, 8, day, 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        int at = 19;
        int nanos = instant.getNano();
        if (nanos != 0) {
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(out, at, nanos / 1_000_000, 3);
                at += 3;
            } else if (nanos % 1_000 == 0) {
                put(out, at, nanos / 1_000, 6);
                at += 6;
            } else {
                put(out, at, nanos, 9);
                at += 9;
            }
        }
        out[at++] = 'Z';
        return at;
    }

    /** {@code value} as {@code count} decimal digits, zero-padded, at {@code at}. */
    private static void put(char[] out, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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

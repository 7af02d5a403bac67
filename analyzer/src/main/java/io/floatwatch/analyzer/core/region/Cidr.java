package io.floatwatch.analyzer.core.region;

import java.util.Optional;

/**
 * An IPv4 block, for the few set questions the rules ask: does a route cover an address, is the
 * endpoint range inside the VPC, does it overlap a subnet. Anything unparsable (IPv6, a prefix
 * list id) is simply not a Cidr, so such routes never match.
 */
public record Cidr(long network, int prefix) {

    /**
     * Parses {@code a.b.c.d} or {@code a.b.c.d/n}, surrounding blanks allowed. A hand-written scan:
     * the path rules parse every route of every table they cross, and regular expressions made
     * this the single most expensive step of judging a path.
     */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        long address = address(t, 0, slash < 0 ? t.length() : slash);
        if (address < 0) {
            return Optional.empty();
        }
        int prefix = 32;
        if (slash >= 0) {
            prefix = number(t, slash + 1, t.length(), 2);
            if (prefix < 0 || prefix > 32) {
                return Optional.empty();
            }
        }
        return Optional.of(new Cidr(address & mask(prefix), prefix));
    }

    /** A host address as a /32. */
    public static Optional<Cidr> host(String address) {
        return parse(address).filter(c -> c.prefix == 32);
    }

    public boolean contains(Cidr other) {
        return other.prefix >= prefix && (other.network & mask(prefix)) == network;
    }

    boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    public static boolean contains(String outer, String inner) {
        Optional<Cidr> o = parse(outer);
        Optional<Cidr> i = parse(inner);
        return o.isPresent() && i.isPresent() && o.get().contains(i.get());
    }

    static boolean overlaps(String a, String b) {
        Optional<Cidr> x = parse(a);
        Optional<Cidr> y = parse(b);
        return x.isPresent() && y.isPresent() && x.get().overlaps(y.get());
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    /** The dotted quad in {@code text[from, to)} as an unsigned 32-bit value, or -1. */
    private static long address(String text, int from, int to) {
        long a = 0;
        int start = from;
        for (int octet = 0; octet < 4; octet++) {
            int end = octet < 3 ? text.indexOf('.', start) : to;
            if (end < 0 || end > to) {
                return -1;
            }
            int value = number(text, start, end, 3);
            if (value < 0 || value > 255) {
                return -1;
            }
            a = (a << 8) | value;
            start = end + 1;
        }
        return a;
    }

    /** The decimal number of 1 to {@code maxDigits} digits in {@code text[from, to)}, or -1. */
    private static int number(String text, int from, int to, int maxDigits) {
        if (to <= from || to - from > maxDigits) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}

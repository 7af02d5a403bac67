package io.floatwatch.analyzer.core;

import java.util.Optional;

/**
 * An IPv4 block, for the few set questions the rules ask: does a route cover an address, is the
 * endpoint range inside the VPC, does it overlap a subnet. Anything unparsable (IPv6, a prefix
 * list id) is simply not a Cidr, so such routes never match.
 */
record Cidr(long network, int prefix) {

    static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2) {
            return Optional.empty();
        }
        Long address = address(parts[0]);
        if (address == null) {
            return Optional.empty();
        }
        int prefix = 32;
        if (parts.length == 2) {
            if (!parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(parts[1]);
        }
        return Optional.of(new Cidr(address & mask(prefix), prefix));
    }

    /** A host address as a /32. */
    static Optional<Cidr> host(String address) {
        return parse(address).filter(c -> c.prefix == 32);
    }

    boolean contains(Cidr other) {
        return other.prefix >= prefix && (other.network & mask(prefix)) == network;
    }

    boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    static boolean contains(String outer, String inner) {
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

    private static Long address(String dotted) {
        String[] octets = dotted.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        long a = 0;
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                return null;
            }
            a = (a << 8) | Integer.parseInt(octet);
        }
        return a;
    }
}

package io.floatwatch.collector.fsx;

/** IPv4 CIDR membership, to tell floating endpoint addresses (inside EndpointIpAddressRange) from ENI addresses. */
final class EndpointRange {

    private EndpointRange() {
    }

    static boolean contains(String cidr, String address) {
        if (cidr == null || address == null || cidr.contains(":") || address.contains(":")) {
            return false;
        }
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return false;
        }
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (toLong(cidr.substring(0, slash)) & mask) == (toLong(address) & mask);
    }

    private static long toLong(String address) {
        String[] parts = address.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        long value = 0;
        for (String part : parts) {
            int octet = Integer.parseInt(part);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + address);
            }
            value = (value << 8) | octet;
        }
        return value;
    }
}

package io.floatwatch.app.config;

/** Checks IPv4 CIDR notation strictly: four octets 0-255, a prefix 0-32, no host bits set. */
final class Ipv4Cidr {

    private Ipv4Cidr() {
    }

    /** Null when valid, else why not. */
    static String problem(String cidr) {
        String[] parts = cidr.split("/", -1);
        if (parts.length != 2) {
            return "missing '/prefix'";
        }
        String[] octets = parts[0].split("\\.", -1);
        if (octets.length != 4) {
            return "address must have four octets";
        }
        long address = 0;
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                return "octet '" + octet + "' is not 0-255";
            }
            address = (address << 8) | Integer.parseInt(octet);
        }
        if (!parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
            return "prefix '" + parts[1] + "' is not 0-32";
        }
        int prefix = Integer.parseInt(parts[1]);
        long hostMask = prefix == 32 ? 0 : (1L << (32 - prefix)) - 1;
        if ((address & hostMask) != 0) {
            return "host bits are set (did you mean " + network(address & ~hostMask & 0xffffffffL) + "/" + prefix + "?)";
        }
        return null;
    }

    private static String network(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }
}

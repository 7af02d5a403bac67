package io.floatwatch.testkit.aws;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CIDR filters of SearchTransitGatewayRoutes. They compare prefixes, not strings, so the
 * generic EC2 glob filter would get them wrong: {@code 10.0.0.0/16} is the longest-prefix match of
 * {@code 10.0.255.231/32} without sharing its text. Several values of one filter are ORed, as for
 * every EC2 filter; different filters are ANDed. A longest-prefix match is judged against the whole
 * table, so a more specific route that another filter removes still hides the covering one.
 *
 * <p>IPv4 only: the estates the simulator serves have no IPv6 TGW routes.
 */
final class TgwRouteSearch {

    static final String EXACT_MATCH = "route-search.exact-match";
    static final String LONGEST_PREFIX_MATCH = "route-search.longest-prefix-match";

    /**
     * EC2 refuses more than 200 values in one filter. The collector batches floating IPs into
     * filter values, so the limit is enforced where a batch that is too large would otherwise pass.
     */
    static final int MAX_VALUES_PER_FILTER = 200;

    private TgwRouteSearch() {
    }

    /** The filters that are not route searches, for the generic string filters. */
    static Map<String, List<String>> others(Map<String, List<String>> filters) {
        Map<String, List<String>> rest = new LinkedHashMap<>(filters);
        rest.remove(EXACT_MATCH);
        rest.remove(LONGEST_PREFIX_MATCH);
        return rest;
    }

    static void checkValueCounts(Map<String, List<String>> filters) {
        filters.forEach((name, values) -> {
            if (values.size() > MAX_VALUES_PER_FILTER) {
                throw new SimulatedError(400, "FilterLimitExceeded", "The filter '" + name + "' has " + values.size()
                        + " values; the maximum number of values per filter is " + MAX_VALUES_PER_FILTER + ".");
            }
        });
    }

    /** The routes of {@code table} that pass the route-search filters present in {@code filters}. */
    static List<SimTgwRouteTable.Route> apply(List<SimTgwRouteTable.Route> table, Map<String, List<String>> filters) {
        List<SimTgwRouteTable.Route> result = table;
        List<String> exact = filters.get(EXACT_MATCH);
        if (exact != null) {
            Set<Prefix> wanted = new HashSet<>();
            exact.forEach(v -> wanted.add(Prefix.parse(v)));
            result = result.stream().filter(r -> Prefix.tryParse(r.destinationCidrBlock()).map(wanted::contains).orElse(false)).toList();
        }
        List<String> longest = filters.get(LONGEST_PREFIX_MATCH);
        if (longest != null) {
            Set<SimTgwRouteTable.Route> best = new HashSet<>();
            for (String value : longest) {
                Prefix address = Prefix.parse(value);
                table.stream()
                        .filter(r -> Prefix.tryParse(r.destinationCidrBlock()).map(p -> p.covers(address)).orElse(false))
                        .max(Comparator.comparingInt(r -> Prefix.parse(r.destinationCidrBlock()).length()))
                        .ifPresent(best::add);
            }
            result = result.stream().filter(best::contains).toList();
        }
        return result;
    }

    /** An IPv4 prefix, normalised to its network address so that equal prefixes compare equal. */
    record Prefix(long network, int length) {

        static Prefix parse(String text) {
            return tryParse(text).orElseThrow(() -> new SimulatedError(400, "InvalidParameterValue",
                    "The CIDR '" + text + "' is invalid."));
        }

        static Optional<Prefix> tryParse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String[] parts = text.split("/", -1);
            if (parts.length > 2) {
                return Optional.empty();
            }
            String[] octets = parts[0].split("\\.", -1);
            if (octets.length != 4) {
                return Optional.empty();
            }
            try {
                long address = 0;
                for (String octet : octets) {
                    int value = Integer.parseInt(octet);
                    if (value < 0 || value > 255) {
                        return Optional.empty();
                    }
                    address = (address << 8) | value;
                }
                int length = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
                if (length < 0 || length > 32) {
                    return Optional.empty();
                }
                return Optional.of(new Prefix(address & mask(length), length));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        boolean covers(Prefix other) {
            return length <= other.length && (other.network & mask(length)) == network;
        }

        private static long mask(int length) {
            return length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
        }
    }
}

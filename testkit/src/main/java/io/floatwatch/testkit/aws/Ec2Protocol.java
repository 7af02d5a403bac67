package io.floatwatch.testkit.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The EC2 flavour of the Query protocol: form-encoded {@code Action}/{@code Version}, XML
 * answers in the 2016-11-15 namespace with lists as {@code <item>}, errors as
 * {@code <Response><Errors><Error>} with a capital {@code RequestID}.
 */
final class Ec2Protocol {

    static final String VERSION = "2016-11-15";
    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final String XML = "text/xml;charset=UTF-8";

    private final Ec2Operations operations = new Ec2Operations();
    private final Ec2NetworkOperations network = new Ec2NetworkOperations();
    private final Ec2TransitGatewayOperations tgw = new Ec2TransitGatewayOperations();
    private final Ec2VpnOperations vpn = new Ec2VpnOperations();
    private final Ec2FirewallOperations firewall = new Ec2FirewallOperations();

    /** The operation name of a request body, for counting and faults before it is handled. */
    static String operation(Map<String, String> params) {
        return params.getOrDefault("Action", "");
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    SimResponse handle(SimulatedRegion region, Map<String, String> params, int serverPageSize) {
        try {
            if (!VERSION.equals(params.get("Version"))) {
                throw new SimulatedError(400, "InvalidParameterValue", "Version '" + params.get("Version") + "' is not supported.");
            }
            Query query = new Query(params, serverPageSize);
            String body = switch (operation(params)) {
                case "DescribeRouteTables" -> operations.describeRouteTables(region, query);
                case "DescribeNetworkInterfaces" -> operations.describeNetworkInterfaces(region, query);
                case "DescribeVpcs" -> network.describeVpcs(region, query);
                case "DescribeSubnets" -> network.describeSubnets(region, query);
                case "DescribeVpcPeeringConnections" -> network.describeVpcPeeringConnections(region, query);
                case "DescribeTransitGateways" -> tgw.describeTransitGateways(region, query);
                case "DescribeTransitGatewayAttachments" -> tgw.describeTransitGatewayAttachments(region, query);
                case "DescribeTransitGatewayRouteTables" -> tgw.describeTransitGatewayRouteTables(region, query);
                case "GetTransitGatewayRouteTableAssociations" -> tgw.getTransitGatewayRouteTableAssociations(region, query);
                case "GetTransitGatewayRouteTablePropagations" -> tgw.getTransitGatewayRouteTablePropagations(region, query);
                case "SearchTransitGatewayRoutes" -> tgw.searchTransitGatewayRoutes(region, query, serverPageSize);
                case "DescribeVpnConnections" -> vpn.describeVpnConnections(region, query);
                case "DescribeVpnGateways" -> vpn.describeVpnGateways(region, query);
                case "DescribeSecurityGroups" -> firewall.describeSecurityGroups(region, query);
                case "DescribeSecurityGroupRules" -> firewall.describeSecurityGroupRules(region, query);
                case "DescribeNetworkAcls" -> firewall.describeNetworkAcls(region, query);
                default -> throw new SimulatedError(400, "InvalidAction",
                        "The action " + operation(params) + " is not valid for this web service.");
            };
            return SimResponse.of(200, XML, body);
        } catch (SimulatedError e) {
            return error(e.status(), e.code(), e.getMessage());
        }
    }

    static SimResponse error(int status, String code, String message) {
        String body = new XmlWriter().open("Response")
                .open("Errors").open("Error").leaf("Code", code).leaf("Message", message).close("Error").close("Errors")
                .leaf("RequestID", UUID.randomUUID()).close("Response").toString();
        return SimResponse.of(status, XML, body);
    }

    static SimResponse throttled() {
        return error(503, "RequestLimitExceeded", "Request limit exceeded.");
    }

    /**
     * Signed with temporary credentials that have expired: EC2 says RequestExpired (400), its code
     * for a request outside its validity window, not the ExpiredToken of other services.
     */
    static SimResponse expiredToken() {
        return error(400, "RequestExpired", "Request has expired.");
    }

    /** Signed with an access key and a session token that do not belong together. */
    static SimResponse invalidToken() {
        return error(401, "AuthFailure", "AWS was not able to validate the provided access credentials");
    }

    /** The request parameters of one call, with EC2's list and filter conventions. */
    static final class Query {
        private final Map<String, String> params;
        private final int serverPageSize;

        Query(Map<String, String> params, int serverPageSize) {
            this.params = params;
            this.serverPageSize = serverPageSize;
        }

        String get(String name) {
            return params.get(name);
        }

        /** {@code RouteTableId.1}, {@code RouteTableId.2}, ... in index order. */
        List<String> list(String prefix) {
            List<String> values = new ArrayList<>();
            for (int i = 1; params.containsKey(prefix + "." + i); i++) {
                values.add(params.get(prefix + "." + i));
            }
            return values;
        }

        /** {@code Filter.N.Name} with {@code Filter.N.Value.M}. */
        Map<String, List<String>> filters() {
            Map<String, List<String>> filters = new HashMap<>();
            for (int i = 1; params.containsKey("Filter." + i + ".Name"); i++) {
                filters.put(params.get("Filter." + i + ".Name"), list("Filter." + i + ".Value"));
            }
            return filters;
        }

        /** The page size: the caller's MaxResults within the allowed range, capped by the server's. */
        int pageSize(int min, int max) {
            String raw = params.get("MaxResults");
            if (raw == null) {
                return serverPageSize;
            }
            int requested;
            try {
                requested = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new SimulatedError(400, "InvalidParameterValue", "Invalid value '" + raw + "' for MaxResults.");
            }
            if (requested < min || requested > max) {
                throw new SimulatedError(400, "InvalidParameterValue",
                        "Value ( " + requested + " ) for parameter maxResults is invalid. Expecting a value between " + min + " and " + max + ".");
            }
            return Math.min(requested, serverPageSize);
        }
    }

    /**
     * Applies EC2 filters: a resource matches when, for every filter, one of its values matches
     * one of the filter's values ({@code *} and {@code ?} are wildcards). Unknown filter names
     * are rejected as EC2 rejects them.
     */
    static <T> List<T> filter(List<T> items, Map<String, List<String>> filters, Map<String, Function<T, List<String>>> known) {
        List<T> result = items;
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            Function<T, List<String>> values = known.get(f.getKey());
            if (values == null && f.getKey().startsWith("tag:") && known.containsKey("tag:")) {
                String tagKey = f.getKey().substring("tag:".length());
                Function<T, List<String>> tagValues = known.get("tag:");
                values = item -> tagValues.apply(item).stream()
                        .filter(kv -> kv.startsWith(tagKey + "=")).map(kv -> kv.substring(tagKey.length() + 1)).toList();
            }
            if (values == null) {
                throw new SimulatedError(400, "InvalidParameterValue", "The filter '" + f.getKey() + "' is invalid");
            }
            List<Pattern> patterns = f.getValue().stream().map(Ec2Protocol::glob).toList();
            Function<T, List<String>> extract = values;
            result = result.stream()
                    .filter(item -> extract.apply(item).stream().anyMatch(v -> v != null && patterns.stream().anyMatch(p -> p.matcher(v).matches())))
                    .toList();
        }
        return result;
    }

    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}

package io.floatwatch.testkit.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** DescribeRouteTables and DescribeNetworkInterfaces over a {@link SimulatedRegion}. */
final class Ec2Operations {

    private static final Map<String, Function<SimRouteTable, List<String>>> ROUTE_TABLE_FILTERS = Map.of(
            "vpc-id", t -> List.of(t.vpcId()),
            "route-table-id", t -> List.of(t.routeTableId()),
            "association.subnet-id", SimRouteTable::associatedSubnetIds,
            "association.main", t -> List.of(String.valueOf(t.main())),
            "route.destination-cidr-block", t -> t.routes().stream().map(SimRoute::destinationCidrBlock).toList(),
            "route.network-interface-id", t -> t.routes().stream().map(SimRoute::targetId).filter(id -> id.startsWith("eni-")).toList(),
            "tag:", t -> t.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());

    private static final Map<String, Function<SimNetworkInterface, List<String>>> ENI_FILTERS = Map.of(
            "network-interface-id", n -> List.of(n.networkInterfaceId()),
            "subnet-id", n -> List.of(n.subnetId()),
            "vpc-id", n -> single(n.vpcId()),
            "availability-zone", n -> single(n.availabilityZone()),
            "interface-type", n -> List.of(n.interfaceType()),
            "description", n -> single(n.description()),
            "addresses.private-ip-address", SimNetworkInterface::privateIpAddresses);

    String describeRouteTables(SimulatedRegion region, Ec2Protocol.Query query) {
        List<SimRouteTable> tables = region.routeTables();
        List<String> ids = query.list("RouteTableId");
        if (!ids.isEmpty()) {
            tables = byIds(tables, SimRouteTable::routeTableId, ids, "InvalidRouteTableID.NotFound", "route table");
        }
        tables = Ec2Protocol.filter(tables, query.filters(), ROUTE_TABLE_FILTERS);
        Pages.Page<SimRouteTable> page = Pages.page(tables, SimRouteTable::routeTableId, query.get("NextToken"),
                query.pageSize(5, 100), "InvalidPaginationToken");

        XmlWriter xml = new XmlWriter().open("DescribeRouteTablesResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID())
                .open("routeTableSet");
        for (SimRouteTable table : page.items()) {
            writeRouteTable(xml, table, region.accountId());
        }
        return xml.close("routeTableSet").leaf("nextToken", page.nextToken()).close("DescribeRouteTablesResponse").toString();
    }

    String describeNetworkInterfaces(SimulatedRegion region, Ec2Protocol.Query query) {
        List<SimNetworkInterface> enis = region.networkInterfaces();
        List<String> ids = query.list("NetworkInterfaceId");
        if (!ids.isEmpty()) {
            enis = byIds(enis, SimNetworkInterface::networkInterfaceId, ids, "InvalidNetworkInterfaceID.NotFound", "network interface");
        }
        enis = Ec2Protocol.filter(enis, query.filters(), ENI_FILTERS);
        Pages.Page<SimNetworkInterface> page = Pages.page(enis, SimNetworkInterface::networkInterfaceId, query.get("NextToken"),
                query.pageSize(5, 1000), "InvalidPaginationToken");

        XmlWriter xml = new XmlWriter().open("DescribeNetworkInterfacesResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID())
                .open("networkInterfaceSet");
        for (SimNetworkInterface eni : page.items()) {
            writeNetworkInterface(xml, eni, region.accountId());
        }
        return xml.close("networkInterfaceSet").leaf("nextToken", page.nextToken())
                .close("DescribeNetworkInterfacesResponse").toString();
    }

    private static void writeRouteTable(XmlWriter xml, SimRouteTable table, String ownerId) {
        xml.open("item")
                .leaf("routeTableId", table.routeTableId())
                .leaf("vpcId", table.vpcId())
                .leaf("ownerId", ownerId)
                .open("routeSet");
        for (SimRoute route : table.routes()) {
            xml.open("item")
                    .leaf("destinationCidrBlock", route.destinationCidrBlock())
                    .leaf(route.targetElement(), route.targetId())
                    .leaf("state", route.state())
                    .leaf("origin", route.origin())
                    .close("item");
        }
        xml.close("routeSet").open("associationSet");
        if (table.main()) {
            writeAssociation(xml, table, null, true);
        }
        for (String subnetId : table.associatedSubnetIds()) {
            writeAssociation(xml, table, subnetId, false);
        }
        xml.close("associationSet").open("propagatingVgwSet");
        for (String vgw : table.propagatingVgwIds()) {
            xml.open("item").leaf("gatewayId", vgw).close("item");
        }
        xml.close("propagatingVgwSet").open("tagSet");
        table.tags().forEach((k, v) -> xml.open("item").leaf("key", k).leaf("value", v).close("item"));
        xml.close("tagSet").close("item");
    }

    private static void writeAssociation(XmlWriter xml, SimRouteTable table, String subnetId, boolean main) {
        String suffix = table.routeTableId().substring(table.routeTableId().indexOf('-') + 1);
        String associationId = "rtbassoc-" + (main ? "main" : subnetId.substring(subnetId.indexOf('-') + 1)) + suffix;
        xml.open("item")
                .leaf("routeTableAssociationId", associationId)
                .leaf("routeTableId", table.routeTableId())
                .leaf("subnetId", subnetId)
                .leaf("main", main)
                .open("associationState").leaf("state", "associated").close("associationState")
                .close("item");
    }

    private static void writeNetworkInterface(XmlWriter xml, SimNetworkInterface eni, String ownerId) {
        List<String> ips = eni.privateIpAddresses();
        xml.open("item")
                .leaf("networkInterfaceId", eni.networkInterfaceId())
                .leaf("subnetId", eni.subnetId())
                .leaf("vpcId", eni.vpcId())
                .leaf("availabilityZone", eni.availabilityZone())
                .leaf("description", eni.description())
                .leaf("ownerId", ownerId)
                .leaf("requesterManaged", false)
                .leaf("status", "in-use")
                .leaf("privateIpAddress", ips.isEmpty() ? null : ips.get(0))
                .leaf("sourceDestCheck", true)
                .open("groupSet");
        for (String groupId : eni.securityGroupIds()) {
            xml.open("item").leaf("groupId", groupId).leaf("groupName", groupId).close("item");
        }
        xml.close("groupSet")
                .open("privateIpAddressesSet");
        for (int i = 0; i < ips.size(); i++) {
            xml.open("item").leaf("privateIpAddress", ips.get(i)).leaf("primary", i == 0).close("item");
        }
        xml.close("privateIpAddressesSet")
                .open("ipv6AddressesSet").close("ipv6AddressesSet")
                .leaf("interfaceType", eni.interfaceType())
                .open("tagSet").close("tagSet")
                .close("item");
    }

    /** Explicit ids must all exist, in the order EC2 reports them (sorted), else NotFound like EC2. */
    static <T> List<T> byIds(List<T> all, Function<T, String> id, List<String> wanted, String code, String what) {
        List<T> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String w : wanted) {
            all.stream().filter(item -> id.apply(item).equals(w)).findFirst().ifPresentOrElse(found::add, () -> missing.add(w));
        }
        if (!missing.isEmpty()) {
            throw new SimulatedError(400, code, "The " + what + " ID '" + String.join(",", missing) + "' does not exist");
        }
        return found.stream().distinct().sorted((a, b) -> id.apply(a).compareTo(id.apply(b))).toList();
    }

    static List<String> single(String value) {
        return value == null ? List.of() : List.of(value);
    }
}

package io.floatwatch.testkit.aws;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** DescribeVpcs, DescribeSubnets and DescribeVpcPeeringConnections over a {@link SimulatedRegion}. */
final class Ec2NetworkOperations {

    private static final Map<String, Function<SimVpc, List<String>>> VPC_FILTERS = Map.of(
            "vpc-id", v -> List.of(v.vpcId()),
            "cidr", v -> List.of(v.cidrBlocks().get(0)),
            "cidr-block-association.cidr-block", SimVpc::cidrBlocks);

    private static final Map<String, Function<SimSubnet, List<String>>> SUBNET_FILTERS = Map.of(
            "subnet-id", s -> List.of(s.subnetId()),
            "vpc-id", s -> Ec2Operations.single(s.vpcId()),
            "availability-zone", s -> Ec2Operations.single(s.availabilityZone()),
            "cidr-block", s -> Ec2Operations.single(s.cidrBlock()));

    private static final Map<String, Function<SimVpcPeering, List<String>>> PEERING_FILTERS = Map.of(
            "vpc-peering-connection-id", p -> List.of(p.vpcPeeringConnectionId()),
            "status-code", p -> List.of(p.status()),
            "requester-vpc-info.vpc-id", p -> Ec2Operations.single(p.requester().vpcId()),
            "accepter-vpc-info.vpc-id", p -> Ec2Operations.single(p.accepter().vpcId()));

    String describeVpcs(SimulatedRegion region, Ec2Protocol.Query query) {
        List<SimVpc> vpcs = region.vpcs();
        List<String> ids = query.list("VpcId");
        if (!ids.isEmpty()) {
            vpcs = Ec2Operations.byIds(vpcs, SimVpc::vpcId, ids, "InvalidVpcID.NotFound", "vpc");
        }
        vpcs = Ec2Protocol.filter(vpcs, query.filters(), VPC_FILTERS);
        Pages.Page<SimVpc> page = Pages.page(vpcs, SimVpc::vpcId, query.get("NextToken"), query.pageSize(5, 1000), "InvalidPaginationToken");
        XmlWriter xml = new XmlWriter().open("DescribeVpcsResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("vpcSet");
        for (SimVpc vpc : page.items()) {
            xml.open("item")
                    .leaf("vpcId", vpc.vpcId())
                    .leaf("ownerId", region.accountId())
                    .leaf("state", "available")
                    .leaf("cidrBlock", vpc.cidrBlocks().get(0))
                    .open("cidrBlockAssociationSet");
            for (int i = 0; i < vpc.cidrBlocks().size(); i++) {
                xml.open("item")
                        .leaf("cidrBlock", vpc.cidrBlocks().get(i))
                        .leaf("associationId", "vpc-cidr-assoc-" + vpc.vpcId().substring(4) + i)
                        .open("cidrBlockState").leaf("state", "associated").close("cidrBlockState")
                        .close("item");
            }
            xml.close("cidrBlockAssociationSet")
                    .leaf("dhcpOptionsId", "dopt-0a1b2c3d")
                    .leaf("instanceTenancy", "default")
                    .leaf("isDefault", false)
                    .open("tagSet").close("tagSet")
                    .close("item");
        }
        return xml.close("vpcSet").leaf("nextToken", page.nextToken()).close("DescribeVpcsResponse").toString();
    }

    String describeSubnets(SimulatedRegion region, Ec2Protocol.Query query) {
        List<SimSubnet> subnets = region.subnets();
        List<String> ids = query.list("SubnetId");
        if (!ids.isEmpty()) {
            subnets = Ec2Operations.byIds(subnets, SimSubnet::subnetId, ids, "InvalidSubnetID.NotFound", "subnet");
        }
        subnets = Ec2Protocol.filter(subnets, query.filters(), SUBNET_FILTERS);
        Pages.Page<SimSubnet> page = Pages.page(subnets, SimSubnet::subnetId, query.get("NextToken"), query.pageSize(5, 1000),
                "InvalidPaginationToken");
        XmlWriter xml = new XmlWriter().open("DescribeSubnetsResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("subnetSet");
        for (SimSubnet subnet : page.items()) {
            xml.open("item")
                    .leaf("subnetId", subnet.subnetId())
                    .leaf("subnetArn", "arn:aws:ec2:" + region.name() + ":" + region.accountId() + ":subnet/" + subnet.subnetId())
                    .leaf("state", "available")
                    .leaf("ownerId", region.accountId())
                    .leaf("vpcId", subnet.vpcId())
                    .leaf("cidrBlock", subnet.cidrBlock())
                    .leaf("availableIpAddressCount", availableAddresses(subnet.cidrBlock()))
                    .leaf("availabilityZone", subnet.availabilityZone())
                    .leaf("defaultForAz", false)
                    .leaf("mapPublicIpOnLaunch", false)
                    .open("tagSet").close("tagSet")
                    .close("item");
        }
        return xml.close("subnetSet").leaf("nextToken", page.nextToken()).close("DescribeSubnetsResponse").toString();
    }

    /** AWS reserves 5 addresses per subnet. */
    private static Integer availableAddresses(String cidr) {
        if (cidr == null || !cidr.contains("/")) {
            return null;
        }
        int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        return (int) Math.max(0, (1L << (32 - prefix)) - 5);
    }

    String describeVpcPeeringConnections(SimulatedRegion region, Ec2Protocol.Query query) {
        List<SimVpcPeering> peerings = region.vpcPeerings();
        List<String> ids = query.list("VpcPeeringConnectionId");
        if (!ids.isEmpty()) {
            peerings = Ec2Operations.byIds(peerings, SimVpcPeering::vpcPeeringConnectionId, ids, "InvalidVpcPeeringConnectionID.NotFound",
                    "vpc peering connection");
        }
        peerings = Ec2Protocol.filter(peerings, query.filters(), PEERING_FILTERS);
        Pages.Page<SimVpcPeering> page = Pages.page(peerings, SimVpcPeering::vpcPeeringConnectionId, query.get("NextToken"),
                query.pageSize(5, 1000), "InvalidPaginationToken");
        XmlWriter xml = new XmlWriter().open("DescribeVpcPeeringConnectionsResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("vpcPeeringConnectionSet");
        for (SimVpcPeering p : page.items()) {
            xml.open("item").leaf("vpcPeeringConnectionId", p.vpcPeeringConnectionId());
            side(xml, "requesterVpcInfo", p.requester());
            side(xml, "accepterVpcInfo", p.accepter());
            xml.open("status").leaf("code", p.status()).leaf("message", p.status()).close("status")
                    .open("tagSet").close("tagSet")
                    .close("item");
        }
        return xml.close("vpcPeeringConnectionSet").leaf("nextToken", page.nextToken())
                .close("DescribeVpcPeeringConnectionsResponse").toString();
    }

    private static void side(XmlWriter xml, String element, SimVpcPeering.Side side) {
        xml.open(element)
                .leaf("ownerId", side.ownerId())
                .leaf("vpcId", side.vpcId())
                .leaf("region", side.region())
                .leaf("cidrBlock", side.cidrBlocks().isEmpty() ? null : side.cidrBlocks().get(0))
                .open("cidrBlockSet");
        side.cidrBlocks().forEach(c -> xml.open("item").leaf("cidrBlock", c).close("item"));
        xml.close("cidrBlockSet").close(element);
    }
}

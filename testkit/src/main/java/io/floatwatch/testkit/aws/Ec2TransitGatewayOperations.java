package io.floatwatch.testkit.aws;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Transit Gateway reads: DescribeTransitGateways, DescribeTransitGatewayAttachments,
 * DescribeTransitGatewayRouteTables, GetTransitGatewayRouteTableAssociations/Propagations and
 * SearchTransitGatewayRoutes (Filters required, at most 1,000 routes, additionalRoutesAvailable,
 * no NextToken; exact and longest-prefix matches by CIDR, several values ORed, see
 * {@link TgwRouteSearch}).
 */
final class Ec2TransitGatewayOperations {

    /** SearchTransitGatewayRoutes returns at most this many routes per call. */
    static final int SEARCH_LIMIT = 1000;

    private static final Map<String, Function<SimTransitGateway, List<String>>> TGW_FILTERS = Map.of(
            "transit-gateway-id", t -> List.of(t.transitGatewayId()),
            "state", t -> List.of(t.state()));

    private static final Map<String, Function<SimTgwAttachment, List<String>>> ATTACHMENT_FILTERS = Map.of(
            "transit-gateway-attachment-id", a -> List.of(a.attachmentId()),
            "transit-gateway-id", a -> List.of(a.transitGatewayId()),
            "resource-type", a -> List.of(a.resourceType()),
            "resource-id", a -> Ec2Operations.single(a.resourceId()),
            "state", a -> List.of(a.state()));

    private static final Map<String, Function<SimTgwRouteTable, List<String>>> ROUTE_TABLE_FILTERS = Map.of(
            "transit-gateway-route-table-id", t -> List.of(t.routeTableId()),
            "transit-gateway-id", t -> List.of(t.transitGatewayId()));

    private static final Map<String, Function<SimTgwRouteTable.Route, List<String>>> ROUTE_FILTERS = Map.of(
            "state", r -> List.of(r.state()),
            "type", r -> List.of(r.type()),
            "attachment.transit-gateway-attachment-id", SimTgwRouteTable.Route::attachmentIds);

    String describeTransitGateways(SimulatedRegion region, Ec2Protocol.Query query) {
        List<SimTransitGateway> tgws = region.transitGateways();
        List<String> ids = query.list("TransitGatewayIds");
        if (!ids.isEmpty()) {
            tgws = Ec2Operations.byIds(tgws, SimTransitGateway::transitGatewayId, ids, "InvalidTransitGatewayID.NotFound", "transit gateway");
        }
        tgws = Ec2Protocol.filter(tgws, query.filters(), TGW_FILTERS);
        Pages.Page<SimTransitGateway> page = Pages.page(tgws, SimTransitGateway::transitGatewayId, query.get("NextToken"),
                query.pageSize(5, 1000), "InvalidPaginationToken");
        XmlWriter xml = new XmlWriter().open("DescribeTransitGatewaysResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("transitGatewaySet");
        for (SimTransitGateway tgw : page.items()) {
            xml.open("item")
                    .leaf("transitGatewayId", tgw.transitGatewayId())
                    .leaf("transitGatewayArn", "arn:aws:ec2:" + region.name() + ":" + owner(region, tgw) + ":transit-gateway/"
                            + tgw.transitGatewayId())
                    .leaf("state", tgw.state())
                    .leaf("ownerId", owner(region, tgw))
                    .leaf("creationTime", "2024-01-01T00:00:00.000Z")
                    .open("options")
                    .leaf("amazonSideAsn", tgw.amazonSideAsn())
                    .leaf("autoAcceptSharedAttachments", "disable")
                    .leaf("defaultRouteTableAssociation", tgw.associationDefaultRouteTableId() == null ? "disable" : "enable")
                    .leaf("associationDefaultRouteTableId", tgw.associationDefaultRouteTableId())
                    .leaf("defaultRouteTablePropagation", tgw.propagationDefaultRouteTableId() == null ? "disable" : "enable")
                    .leaf("propagationDefaultRouteTableId", tgw.propagationDefaultRouteTableId())
                    .leaf("vpnEcmpSupport", "enable")
                    .leaf("dnsSupport", "enable")
                    .close("options")
                    .open("tagSet").close("tagSet")
                    .close("item");
        }
        return xml.close("transitGatewaySet").leaf("nextToken", page.nextToken()).close("DescribeTransitGatewaysResponse").toString();
    }

    String describeTransitGatewayAttachments(SimulatedRegion region, Ec2Protocol.Query query) {
        List<SimTgwAttachment> attachments = region.tgwAttachments();
        List<String> ids = query.list("TransitGatewayAttachmentIds");
        if (!ids.isEmpty()) {
            attachments = Ec2Operations.byIds(attachments, SimTgwAttachment::attachmentId, ids, "InvalidTransitGatewayAttachmentID.NotFound",
                    "transit gateway attachment");
        }
        attachments = Ec2Protocol.filter(attachments, query.filters(), ATTACHMENT_FILTERS);
        Pages.Page<SimTgwAttachment> page = Pages.page(attachments, SimTgwAttachment::attachmentId, query.get("NextToken"),
                query.pageSize(5, 1000), "InvalidPaginationToken");
        XmlWriter xml = new XmlWriter().open("DescribeTransitGatewayAttachmentsResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("transitGatewayAttachments");
        for (SimTgwAttachment a : page.items()) {
            xml.open("item")
                    .leaf("transitGatewayAttachmentId", a.attachmentId())
                    .leaf("transitGatewayId", a.transitGatewayId())
                    .leaf("transitGatewayOwnerId", a.transitGatewayOwnerId() == null ? region.accountId() : a.transitGatewayOwnerId())
                    .leaf("resourceOwnerId", a.resourceOwnerId() == null ? region.accountId() : a.resourceOwnerId())
                    .leaf("resourceType", a.resourceType())
                    .leaf("resourceId", a.resourceId())
                    .leaf("state", a.state());
            if (a.associatedRouteTableId() != null) {
                xml.open("association")
                        .leaf("transitGatewayRouteTableId", a.associatedRouteTableId())
                        .leaf("state", "associated")
                        .close("association");
            }
            xml.leaf("creationTime", "2024-01-01T00:00:00.000Z").open("tagSet").close("tagSet").close("item");
        }
        return xml.close("transitGatewayAttachments").leaf("nextToken", page.nextToken())
                .close("DescribeTransitGatewayAttachmentsResponse").toString();
    }

    String describeTransitGatewayRouteTables(SimulatedRegion region, Ec2Protocol.Query query) {
        List<SimTgwRouteTable> tables = region.tgwRouteTables();
        List<String> ids = query.list("TransitGatewayRouteTableIds");
        if (!ids.isEmpty()) {
            tables = Ec2Operations.byIds(tables, SimTgwRouteTable::routeTableId, ids, "InvalidRouteTableID.NotFound",
                    "transit gateway route table");
        }
        tables = Ec2Protocol.filter(tables, query.filters(), ROUTE_TABLE_FILTERS);
        Pages.Page<SimTgwRouteTable> page = Pages.page(tables, SimTgwRouteTable::routeTableId, query.get("NextToken"),
                query.pageSize(5, 1000), "InvalidPaginationToken");
        XmlWriter xml = new XmlWriter().open("DescribeTransitGatewayRouteTablesResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("transitGatewayRouteTables");
        for (SimTgwRouteTable t : page.items()) {
            boolean defaultAssociation = region.transitGateways().stream()
                    .anyMatch(g -> t.routeTableId().equals(g.associationDefaultRouteTableId()));
            boolean defaultPropagation = region.transitGateways().stream()
                    .anyMatch(g -> t.routeTableId().equals(g.propagationDefaultRouteTableId()));
            xml.open("item")
                    .leaf("transitGatewayRouteTableId", t.routeTableId())
                    .leaf("transitGatewayId", t.transitGatewayId())
                    .leaf("state", "available")
                    .leaf("defaultAssociationRouteTable", defaultAssociation)
                    .leaf("defaultPropagationRouteTable", defaultPropagation)
                    .leaf("creationTime", "2024-01-01T00:00:00.000Z")
                    .open("tagSet").close("tagSet")
                    .close("item");
        }
        return xml.close("transitGatewayRouteTables").leaf("nextToken", page.nextToken())
                .close("DescribeTransitGatewayRouteTablesResponse").toString();
    }

    String getTransitGatewayRouteTableAssociations(SimulatedRegion region, Ec2Protocol.Query query) {
        SimTgwRouteTable table = requireTable(region, query);
        List<SimTgwAttachment> associated = region.tgwAttachments().stream()
                .filter(a -> table.routeTableId().equals(a.associatedRouteTableId())).toList();
        Pages.Page<SimTgwAttachment> page = Pages.page(associated, SimTgwAttachment::attachmentId, query.get("NextToken"),
                query.pageSize(5, 1000), "InvalidPaginationToken");
        XmlWriter xml = new XmlWriter().open("GetTransitGatewayRouteTableAssociationsResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("associations");
        for (SimTgwAttachment a : page.items()) {
            xml.open("item")
                    .leaf("transitGatewayAttachmentId", a.attachmentId())
                    .leaf("resourceId", a.resourceId())
                    .leaf("resourceType", a.resourceType())
                    .leaf("state", "associated")
                    .close("item");
        }
        return xml.close("associations").leaf("nextToken", page.nextToken())
                .close("GetTransitGatewayRouteTableAssociationsResponse").toString();
    }

    String getTransitGatewayRouteTablePropagations(SimulatedRegion region, Ec2Protocol.Query query) {
        SimTgwRouteTable table = requireTable(region, query);
        List<SimTgwAttachment> propagating = region.tgwAttachments().stream()
                .filter(a -> table.propagatingAttachmentIds().contains(a.attachmentId())).toList();
        Pages.Page<SimTgwAttachment> page = Pages.page(propagating, SimTgwAttachment::attachmentId, query.get("NextToken"),
                query.pageSize(5, 1000), "InvalidPaginationToken");
        XmlWriter xml = new XmlWriter().open("GetTransitGatewayRouteTablePropagationsResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("transitGatewayRouteTablePropagations");
        for (SimTgwAttachment a : page.items()) {
            xml.open("item")
                    .leaf("transitGatewayAttachmentId", a.attachmentId())
                    .leaf("resourceId", a.resourceId())
                    .leaf("resourceType", a.resourceType())
                    .leaf("state", "enabled")
                    .close("item");
        }
        return xml.close("transitGatewayRouteTablePropagations").leaf("nextToken", page.nextToken())
                .close("GetTransitGatewayRouteTablePropagationsResponse").toString();
    }

    String searchTransitGatewayRoutes(SimulatedRegion region, Ec2Protocol.Query query, int serverPageSize) {
        SimTgwRouteTable table = requireTable(region, query);
        Map<String, List<String>> filters = query.filters();
        if (filters.isEmpty()) {
            throw new SimulatedError(400, "MissingParameter", "The request must contain the parameter Filters");
        }
        TgwRouteSearch.checkValueCounts(filters);
        List<SimTgwRouteTable.Route> sorted = table.routes().stream()
                .sorted((a, b) -> a.destinationCidrBlock().compareTo(b.destinationCidrBlock())).toList();
        List<SimTgwRouteTable.Route> routes = Ec2Protocol.filter(TgwRouteSearch.apply(sorted, filters),
                TgwRouteSearch.others(filters), ROUTE_FILTERS);
        int limit = Math.min(Math.min(SEARCH_LIMIT, serverPageSize), requestedMax(query));
        List<SimTgwRouteTable.Route> returned = routes.size() > limit ? routes.subList(0, limit) : routes;
        XmlWriter xml = new XmlWriter().open("SearchTransitGatewayRoutesResponse", Ec2Protocol.NAMESPACE)
                .leaf("requestId", UUID.randomUUID()).open("routeSet");
        for (SimTgwRouteTable.Route r : returned) {
            xml.open("item").leaf("destinationCidrBlock", r.destinationCidrBlock()).open("transitGatewayAttachments");
            for (String attachmentId : r.attachmentIds()) {
                SimTgwAttachment a = region.tgwAttachments().stream().filter(x -> x.attachmentId().equals(attachmentId)).findFirst().orElse(null);
                xml.open("item")
                        .leaf("resourceId", a == null ? null : a.resourceId())
                        .leaf("transitGatewayAttachmentId", attachmentId)
                        .leaf("resourceType", a == null ? null : a.resourceType())
                        .close("item");
            }
            xml.close("transitGatewayAttachments").leaf("type", r.type()).leaf("state", r.state()).close("item");
        }
        return xml.close("routeSet").leaf("additionalRoutesAvailable", routes.size() > returned.size())
                .close("SearchTransitGatewayRoutesResponse").toString();
    }

    private static int requestedMax(Ec2Protocol.Query query) {
        String raw = query.get("MaxResults");
        if (raw == null) {
            return SEARCH_LIMIT;
        }
        int requested = Integer.parseInt(raw);
        if (requested < 5 || requested > SEARCH_LIMIT) {
            throw new SimulatedError(400, "InvalidParameterValue",
                    "Value ( " + requested + " ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
        }
        return requested;
    }

    private static SimTgwRouteTable requireTable(SimulatedRegion region, Ec2Protocol.Query query) {
        String id = query.get("TransitGatewayRouteTableId");
        if (id == null) {
            throw new SimulatedError(400, "MissingParameter", "The request must contain the parameter TransitGatewayRouteTableId");
        }
        return region.findTgwRouteTable(id).orElseThrow(() ->
                new SimulatedError(400, "InvalidRouteTableID.NotFound", "Transit Gateway Route Table " + id + " was deleted or does not exist."));
    }

    private static String owner(SimulatedRegion region, SimTransitGateway tgw) {
        return tgw.ownerId() == null ? region.accountId() : tgw.ownerId();
    }
}

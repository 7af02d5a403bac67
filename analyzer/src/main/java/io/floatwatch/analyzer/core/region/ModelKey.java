package io.floatwatch.analyzer.core.region;

/** Names of the pieces of the model that rules read and observations change. */
final class ModelKey {
    static final String PEERINGS = "pcx:*";
    static final String ATTACHMENTS = "tgw-att:*";
    static final String TGW_ROUTE_TABLES = "tgw-rt:*";
    static final String VPNS = "vpn:*";
    static final String POLLS = "poll:*";
    static final String ANY_TUNNEL_STATE = "tunnel-state:any";
    static final String SVMS = "svm:*";
    static final String FILE_SYSTEMS = "fs:*";
    static final String VPNS_IN_MAINTENANCE = "vpn-maintenance:*";
    /** Whether any network ACL is observed: none at all means the ACL layer is not watched here. */
    static final String ANY_NETWORK_ACL = "acl:any";

    private ModelKey() {
    }

    static String routeTable(String id) {
        return "rt:" + id;
    }

    static String tableOfSubnet(String subnetId) {
        return "subnet-rt:" + subnetId;
    }

    static String mainTable(String vpcId) {
        return "main-rt:" + vpcId;
    }

    static String tablesOfVpc(String vpcId) {
        return "rt-in:" + vpcId;
    }

    static String hostRoute(String address) {
        return "host:" + address;
    }

    static String fileSystem(String id) {
        return "fs:" + id;
    }

    static String fileSystemsOfVpc(String vpcId) {
        return "fs-in:" + vpcId;
    }

    static String eni(String id) {
        return "eni:" + id;
    }

    static String eniOwner(String eniId) {
        return "eni-owner:" + eniId;
    }

    static String eniAddress(String address) {
        return "eni-addr:" + address;
    }

    static String vpc(String id) {
        return "vpc:" + id;
    }

    static String subnet(String id) {
        return "subnet:" + id;
    }

    static String subnetsOfVpc(String vpcId) {
        return "subnet-in:" + vpcId;
    }

    static String tgw(String id) {
        return "tgw:" + id;
    }

    static String attachment(String id) {
        return "tgw-att:" + id;
    }

    static String tgwRouteTable(String id) {
        return "tgw-rt:" + id;
    }

    static String vpn(String id) {
        return "vpn:" + id;
    }

    /** The probes of one client towards one endpoint address of one file system (every port). */
    static String probe(String client, String fsId, String ip) {
        return "probe:" + client + "/" + fsId + "/" + ip;
    }

    static String vpnsOn(String gatewayId) {
        return "vpn-on:" + gatewayId;
    }

    static String vgw(String id) {
        return "vgw:" + id;
    }

    static String tunnelState(String tunnelIp) {
        return "tunnel-state:" + tunnelIp;
    }

    static String securityGroup(String id) {
        return "sg:" + id;
    }

    static String groupMembers(String groupId) {
        return "sg-members:" + groupId;
    }

    static String aclOfSubnet(String subnetId) {
        return "subnet-acl:" + subnetId;
    }
}

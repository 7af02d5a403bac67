package io.floatwatch.analyzer.core.firewall;

import static io.floatwatch.analyzer.core.Fixture.FS;
import static io.floatwatch.analyzer.core.Fixture.IP;
import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.STANDBY;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.analyzer.core.World;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.sources.SourceNames;
import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingStatus;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.NetworkAclObservation.Entry;
import io.floatwatch.model.observation.NetworkAclObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.SecurityGroupObservation.Rule;
import io.floatwatch.model.observation.SecurityGroupObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 3: a rule change that blocks a declared client's endpoint port is one finding naming the client,
 * the endpoint, the port, the layer, the resource and the rule, and it resolves when the rule is back.
 */
class EndpointPortTest {

    private static final String CLIENT_CIDR = "10.0.1.0/24";
    private static final Rule NFS = new Rule("sgr-nfs", false, "tcp", 2049, 2049, CLIENT_CIDR, null, null, null);
    private static final Rule PORTMAPPER = new Rule("sgr-111", false, "tcp", 111, 111, CLIENT_CIDR, null, null, null);
    private static final Rule DAEMONS = new Rule("sgr-daemons", false, "tcp", 20001, 20003, CLIENT_CIDR, null, null, null);

    private static DeclaredClient app() {
        return World.client("app", Via.SAME_VPC, CLIENT_CIDR, "subnet-1a", "vpc-1");
    }

    private static NetworkInterfaceObservation eni(String id, String subnet, Instant at, String... groups) {
        return new NetworkInterfaceObservation(SCOPE, at, id, subnet, "vpc-1", "ap-northeast-1a", "interface", "ENI for FSx " + FS,
                List.of(), List.of(groups));
    }

    private static SecurityGroupObservation fsxGroup(Instant at, Rule... rules) {
        return new SecurityGroupObservation(SCOPE, at, "sg-fsx", "vpc-1", "fsx", List.of(rules));
    }

    private static NetworkAclObservation acl(Instant at, Entry... extra) {
        List<Entry> entries = new ArrayList<>(List.of(extra));
        entries.add(new Entry(100, false, "-1", null, null, "0.0.0.0/0", true));
        entries.add(new Entry(100, true, "-1", null, null, "0.0.0.0/0", true));
        entries.add(new Entry(32767, false, "-1", null, null, "0.0.0.0/0", false));
        entries.add(new Entry(32767, true, "-1", null, null, "0.0.0.0/0", false));
        return new NetworkAclObservation(SCOPE, at, "acl-1", "vpc-1", true, entries, List.of("subnet-1a", "subnet-1c"));
    }

    /** A healthy same-VPC client of the OpenZFS file system, its ENIs in sg-fsx, both subnets under acl-1. */
    private static Fixture healthy(DeclaredClient... clients) {
        Fixture f = new Fixture(RulePolicy.defaults(), clients.length == 0 ? new DeclaredClient[] {app()} : clients);
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), Fixture.fileSystem(T0), eni(PREFERRED, "subnet-1a", T0, "sg-fsx"),
                eni(STANDBY, "subnet-1c", T0, "sg-fsx"), fsxGroup(T0, NFS, PORTMAPPER, DAEMONS), acl(T0));
        f.feed(World.fsTables(PREFERRED, T0));
        return f;
    }

    private static List<Finding> ports(Fixture f) {
        List<Finding> out = new ArrayList<>(f.firing(FindingType.ENDPOINT_PORT_BLOCKED));
        out.addAll(f.firing(FindingType.ENDPOINT_PORT_UNVERIFIED));
        return out;
    }

    @Test
    void shouldFindNothingWhenTheGroupsAndAclsAllowEveryNfsPort() {
        Fixture f = healthy();

        assertThat(ports(f)).isEmpty();
        assertThat(f.firing()).isEmpty();
    }

    @Test
    void shouldFireOnceNamingClientEndpointPortLayerGroupAndFixWhenTheNfsRuleIsRevokedAndResolveWhenItIsBack() {
        Fixture f = healthy().clear();

        f.feed(fsxGroup(minutes(1), PORTMAPPER, DAEMONS));

        Finding blocked = f.firing(FindingType.ENDPOINT_PORT_BLOCKED).get(0);
        assertThat(f.firing(FindingType.ENDPOINT_PORT_BLOCKED)).hasSize(1);
        assertThat(blocked.labels()).containsEntry(Labels.CLIENT, "app").containsEntry(Labels.ENDPOINT_IP, IP)
                .containsEntry(Labels.ENDPOINT_KIND, "nfs").containsEntry(Labels.PORT, "tcp/2049")
                .containsEntry(Labels.LAYER, "security_group").containsEntry(Labels.RESOURCE_ID, "sg-fsx")
                .containsEntry(Labels.RULE, "none").containsEntry(Labels.FS_ID, FS);
        assertThat(blocked.summary()).contains("no inbound rule of sg-fsx").contains("authorize inbound tcp 2049 from " + CLIENT_CIDR
                + " on sg-fsx");

        // Ticks and unrelated changes: no second version.
        int versions = f.findings.size();
        f.feed(fsxGroup(minutes(2), PORTMAPPER, DAEMONS), eni(PREFERRED, "subnet-1a", minutes(2), "sg-fsx"), acl(minutes(3)));
        f.feed(World.fsTables(PREFERRED, minutes(4)));
        assertThat(f.findings).hasSize(versions);

        f.feed(fsxGroup(minutes(5), NFS, PORTMAPPER, DAEMONS));
        assertThat(f.findings(FindingType.ENDPOINT_PORT_BLOCKED)).extracting(Finding::status)
                .containsExactly(FindingStatus.FIRING, FindingStatus.RESOLVED);
        assertThat(ports(f)).isEmpty();
    }

    @Test
    void shouldNameTheDenyingEntryWhenAnAclEntryIsInsertedAheadOfTheAllowAndResolveWhenItIsRemoved() {
        Fixture f = healthy().clear();

        f.feed(acl(minutes(1), new Entry(90, false, "6", 2049, 2049, "10.0.0.0/16", false)));

        assertThat(f.firing(FindingType.ENDPOINT_PORT_BLOCKED)).singleElement().satisfies(x -> {
            assertThat(x.labels()).containsEntry(Labels.LAYER, "network_acl").containsEntry(Labels.RESOURCE_ID, "acl-1")
                    .containsEntry(Labels.RULE, "90").containsEntry(Labels.PORT, "tcp/2049");
            assertThat(x.summary()).contains("by entry 90").contains("delete entry 90");
        });

        f.feed(acl(minutes(2)));
        assertThat(f.findings(FindingType.ENDPOINT_PORT_BLOCKED)).extracting(Finding::status)
                .containsExactly(FindingStatus.FIRING, FindingStatus.RESOLVED);
    }

    @Test
    void shouldNotFlapWhenASubnetMovesToAnotherAclAndTheOldAclIsReadFirst() {
        Fixture f = healthy().clear();
        List<Entry> open = List.of(new Entry(100, false, "-1", null, null, "0.0.0.0/0", true),
                new Entry(100, true, "-1", null, null, "0.0.0.0/0", true));

        f.feed(new NetworkAclObservation(SCOPE, minutes(1), "acl-1", "vpc-1", true, acl(T0).entries(), List.of("subnet-1c")));
        f.feed(new NetworkAclObservation(SCOPE, minutes(1), "acl-2", "vpc-1", false, open, List.of("subnet-1a")));

        assertThat(f.findings).isEmpty();

        // The new ACL denies NFS: its verdict, not the old ACL's, decides for the subnet now.
        f.feed(new NetworkAclObservation(SCOPE, minutes(2), "acl-2", "vpc-1", false,
                List.of(new Entry(50, false, "6", 2049, 2049, "0.0.0.0/0", false), open.get(0), open.get(1)), List.of("subnet-1a")));
        assertThat(f.firing(FindingType.ENDPOINT_PORT_BLOCKED)).singleElement()
                .satisfies(x -> assertThat(x.labels()).containsEntry(Labels.RESOURCE_ID, "acl-2").containsEntry(Labels.RULE, "50"));
    }

    @Test
    void shouldBlockOnTheMissingEphemeralReturnOfAStatelessAcl() {
        Fixture f = healthy().clear();
        List<Entry> entries = List.of(new Entry(100, false, "-1", null, null, "0.0.0.0/0", true),
                new Entry(100, true, "6", 2049, 2049, "0.0.0.0/0", true),
                new Entry(32767, false, "-1", null, null, "0.0.0.0/0", false),
                new Entry(32767, true, "-1", null, null, "0.0.0.0/0", false));

        f.feed(new NetworkAclObservation(SCOPE, minutes(1), "acl-1", "vpc-1", true, entries, List.of("subnet-1a", "subnet-1c")));

        assertThat(f.firing(FindingType.ENDPOINT_PORT_BLOCKED)).singleElement().satisfies(x -> {
            assertThat(x.labels()).containsEntry(Labels.RULE, "*");
            assertThat(x.summary()).contains("replies").contains("add an outbound allow entry for tcp 1024-65535 to " + CLIENT_CIDR);
        });
    }

    @Test
    void shouldJudgeTheClientSubnetsAclWhenItIsObserved() {
        DeclaredClient peer = World.client("app2", Via.SAME_VPC, "10.0.5.0/24", "subnet-1e", "vpc-1");
        Fixture f = healthy(peer).clear();
        f.feed(fsxGroup(minutes(1), new Rule("sgr-vpc", false, "-1", null, null, "10.0.0.0/16", null, null, null)));
        assertThat(ports(f)).isEmpty();

        List<Entry> clientSide = List.of(new Entry(100, true, "6", 0, 1023, "0.0.0.0/0", true),
                new Entry(100, false, "-1", null, null, "0.0.0.0/0", true));
        f.feed(new NetworkAclObservation(SCOPE, minutes(2), "acl-2", "vpc-1", false, clientSide, List.of("subnet-1e")));

        assertThat(f.firing(FindingType.ENDPOINT_PORT_BLOCKED)).singleElement().satisfies(x -> {
            assertThat(x.labels()).containsEntry(Labels.RESOURCE_ID, "acl-2").containsEntry(Labels.PORT, "tcp/2049")
                    .containsEntry(Labels.RULE, "*");
            assertThat(x.summary()).contains("of the client's subnet-1e denies outbound tcp/2049 to " + IP);
        });
    }

    @Test
    void shouldReportUnverifiedForAnUnresolvedGroupReferenceAndNeverLetItResolveABlockedPort() {
        Fixture f = healthy().clear();
        f.feed(fsxGroup(minutes(1), PORTMAPPER, DAEMONS));
        assertThat(f.firing(FindingType.ENDPOINT_PORT_BLOCKED)).hasSize(1);

        Rule byGroup = new Rule("sgr-ref", false, "-1", null, null, null, null, "sg-app", null);
        f.feed(fsxGroup(minutes(2), byGroup, PORTMAPPER, DAEMONS));
        assertThat(f.firing(FindingType.ENDPOINT_PORT_BLOCKED)).as("held open").hasSize(1);
        assertThat(f.firing(FindingType.ENDPOINT_PORT_UNVERIFIED)).isEmpty();
        assertThat(f.findings(FindingType.ENDPOINT_PORT_BLOCKED)).hasSize(1);

        // Proven open: the blocked page resolves; then with only the reference it is unverified, never silently fine.
        f.feed(fsxGroup(minutes(3), NFS, PORTMAPPER, DAEMONS));
        assertThat(ports(f)).isEmpty();
        f.feed(fsxGroup(minutes(4), byGroup, PORTMAPPER, DAEMONS));
        assertThat(f.firing(FindingType.ENDPOINT_PORT_UNVERIFIED)).singleElement().satisfies(x ->
                assertThat(x.summary()).contains("sgr-ref").contains("sg-app"));
    }

    @Test
    void shouldBlockOnlyTheClientTheGroupDoesNotAdmitAndNotJudgeEnisWithoutGroups() {
        DeclaredClient other = World.client("other", Via.SAME_VPC, "10.0.9.0/24", "subnet-1a", "vpc-1");
        Fixture f = healthy(app(), other);
        assertThat(ports(f)).extracting(x -> x.labels().get(Labels.CLIENT)).containsExactly("other");

        f.feed(eni(PREFERRED, "subnet-1a", minutes(1)), eni(STANDBY, "subnet-1c", minutes(1)));
        assertThat(ports(f)).as("ENI records without groups: the group layer is not judged").isEmpty();
    }

    @Test
    void shouldHoldPortFindingsUntilTheGroupAndAclSourcesCompletedAPollWhenGated() {
        Fixture f = new Fixture(RulePolicy.defaults(), app());
        f.analyzer().gateOnFirstPolls(true);
        List<String> sources = List.of(SourceNames.FILE_SYSTEMS, SourceNames.ROUTE_TABLES, SourceNames.ROUTE_TABLE_INVENTORY,
                SourceNames.SUBNETS, SourceNames.VPCS);
        f.feed(World.vpc("vpc-1", T0, "10.0.0.0/16"), Fixture.fileSystem(T0), eni(PREFERRED, "subnet-1a", T0, "sg-fsx"),
                eni(STANDBY, "subnet-1c", T0, "sg-fsx"), fsxGroup(T0, PORTMAPPER, DAEMONS));
        f.feed(World.fsTables(PREFERRED, T0));
        f.feed(World.fsTables(PREFERRED, minutes(0.5)));
        for (String s : sources) {
            f.feed(new PollCompleted(SCOPE, minutes(1), s, PollCompleted.OK, 1, 100, null));
        }
        // The inventory's tables are out once a route-table poll ran after it.
        f.feed(new PollCompleted(SCOPE, minutes(1.5), SourceNames.ROUTE_TABLES, PollCompleted.OK, 2, 100, null));
        assertThat(ports(f)).as("the group and ACL sources have not completed").isEmpty();

        f.feed(new PollCompleted(SCOPE, minutes(2), SourceNames.SECURITY_GROUPS, PollCompleted.OK, 1, 100, null),
                new PollCompleted(SCOPE, minutes(2), SourceNames.NETWORK_ACLS, PollCompleted.OK, 0, 100, null));
        assertThat(f.firing(FindingType.ENDPOINT_PORT_BLOCKED)).hasSize(1);
    }
}

package io.floatwatch.analyzer.core.firewall;

import static io.floatwatch.analyzer.core.Fixture.SCOPE;
import static io.floatwatch.analyzer.core.Fixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.region.Cidr;
import io.floatwatch.model.observation.NetworkAclObservation.Entry;
import io.floatwatch.model.observation.NetworkAclObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.SecurityGroupObservation.Rule;
import io.floatwatch.model.observation.SecurityGroupObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The security-group and network-ACL evaluation on its own: ordering, protocols, ranges, references. */
class FirewallChecksTest {

    private static final Cidr CLIENTS = Cidr.parse("10.1.0.0/16").orElseThrow();
    private static final PortNeed NFS = PortNeed.tcp(2049);
    private static final PortNeed DAEMONS = new PortNeed("tcp", 20001, 20003);

    private static NetworkAclObservation acl(Entry... entries) {
        List<Entry> all = new ArrayList<>(List.of(entries));
        all.add(new Entry(32767, false, "-1", null, null, "0.0.0.0/0", false));
        all.add(new Entry(32767, true, "-1", null, null, "0.0.0.0/0", false));
        return new NetworkAclObservation(SCOPE, T0, "acl-1", "vpc-1", false, all, List.of("subnet-1a"));
    }

    private static Entry in(int rule, String protocol, Integer from, Integer to, String cidr, boolean allow) {
        return new Entry(rule, false, protocol, from, to, cidr, allow);
    }

    private static SecurityGroupObservation group(String id, Rule... rules) {
        return new SecurityGroupObservation(SCOPE, T0, id, "vpc-1", id, List.of(rules));
    }

    private static Rule cidr(String id, String protocol, Integer from, Integer to, String peer) {
        return new Rule(id, false, protocol, from, to, peer, null, null, null);
    }

    private static SecurityGroupCheck.Verdict sg(List<SecurityGroupObservation> groups, Cidr client, PortNeed need,
            Map<String, List<NetworkInterfaceObservation>> members) {
        return SecurityGroupCheck.evaluate(groups, g -> members.getOrDefault(g, List.of()), client, need);
    }

    @Test
    void shouldAllowWhenAnAclEntryAllowsTheWholeClientRangeOnThePort() {
        assertThat(NetworkAclCheck.evaluate(acl(in(100, "6", 2049, 2049, "10.1.0.0/16", true)), false, CLIENTS, NFS)).isNull();
    }

    @Test
    void shouldDenyByTheLowerNumberedEntryWhateverTheOrderTheEntriesAreListedIn() {
        NetworkAclObservation acl = acl(in(100, "-1", null, null, "0.0.0.0/0", true), in(90, "6", 2049, 2049, "10.1.0.0/16", false));

        NetworkAclCheck.Denied denied = NetworkAclCheck.evaluate(acl, false, CLIENTS, NFS);

        assertThat(denied).isNotNull();
        assertThat(denied.rule()).isEqualTo("90");
        assertThat(denied.port()).isEqualTo(2049);
    }

    @Test
    void shouldAllowWhenAnEarlierAllowDecidesBeforeALaterDeny() {
        NetworkAclObservation acl = acl(in(80, "6", 2049, 2049, "10.1.0.0/16", true), in(90, "-1", null, null, "0.0.0.0/0", false));

        assertThat(NetworkAclCheck.evaluate(acl, false, CLIENTS, NFS)).isNull();
    }

    @Test
    void shouldFallToTheDefaultDenyWhenNoEntryCoversEveryPortOfARange() {
        NetworkAclObservation acl = acl(in(100, "6", 20001, 20002, "10.1.0.0/16", true));

        NetworkAclCheck.Denied denied = NetworkAclCheck.evaluate(acl, false, CLIENTS, DAEMONS);

        assertThat(denied.rule()).isEqualTo("*");
        assertThat(denied.port()).isEqualTo(20003);
    }

    @Test
    void shouldAllowAClientRangeSplitBetweenTwoAllowEntriesAndDenyOneOnlyPartlyCovered() {
        NetworkAclObservation split = acl(in(100, "6", 2049, 2049, "10.1.0.0/17", true), in(110, "6", 2049, 2049, "10.1.128.0/17", true));
        assertThat(NetworkAclCheck.evaluate(split, false, CLIENTS, NFS)).isNull();

        NetworkAclObservation half = acl(in(100, "6", 2049, 2049, "10.1.0.0/17", true), in(110, "6", 2049, 2049, "10.1.200.0/24", false));
        assertThat(NetworkAclCheck.evaluate(half, false, CLIENTS, NFS).rule()).isEqualTo("110");
    }

    @Test
    void shouldNotLetUdpOrAnotherDirectionOrAnIpv6EntryDecideTcp() {
        NetworkAclObservation acl = acl(in(80, "17", 2049, 2049, "10.1.0.0/16", false),
                new Entry(85, true, "6", 2049, 2049, "10.1.0.0/16", false), in(90, "6", 2049, 2049, null, false),
                in(100, "6", 0, 65535, "0.0.0.0/0", true));

        assertThat(NetworkAclCheck.evaluate(acl, false, CLIENTS, NFS)).isNull();
    }

    @Test
    void shouldNeedTheEphemeralPortsOutboundForTheReplies() {
        NetworkAclObservation noReturn = acl(in(100, "-1", null, null, "0.0.0.0/0", true),
                new Entry(100, true, "6", 2049, 2049, "10.1.0.0/16", true));
        assertThat(NetworkAclCheck.evaluate(noReturn, true, CLIENTS, PortNeed.EPHEMERAL).rule()).isEqualTo("*");

        NetworkAclObservation withReturn = acl(new Entry(100, true, "6", 1024, 65535, "10.0.0.0/8", true));
        assertThat(NetworkAclCheck.evaluate(withReturn, true, CLIENTS, PortNeed.EPHEMERAL)).isNull();
    }

    @Test
    void shouldAllowWithAnAllProtocolRuleOrAPortRangeCoveringTheNeed() {
        assertThat(sg(List.of(group("sg-1", cidr("r1", "-1", null, null, "10.0.0.0/8"))), CLIENTS, DAEMONS, Map.of()).status())
                .isEqualTo(SecurityGroupCheck.Status.ALLOWED);
        assertThat(sg(List.of(group("sg-1", cidr("r1", "tcp", 20000, 20010, "10.1.0.0/16"))), CLIENTS, DAEMONS, Map.of()).status())
                .isEqualTo(SecurityGroupCheck.Status.ALLOWED);
        assertThat(sg(List.of(group("sg-1", cidr("r1", "6", 2049, 2049, "10.1.0.0/16"))), CLIENTS, NFS, Map.of()).status())
                .isEqualTo(SecurityGroupCheck.Status.ALLOWED);
    }

    @Test
    void shouldBlockWhenNoInboundRuleCoversTheClientThePortOrTheProtocol() {
        List<SecurityGroupObservation> groups = List.of(group("sg-1",
                cidr("r1", "tcp", 2049, 2049, "10.1.0.0/17"),
                cidr("r2", "udp", 2049, 2049, "10.1.0.0/16"),
                cidr("r3", "tcp", 111, 111, "10.1.0.0/16"),
                new Rule("r4", true, "-1", null, null, "0.0.0.0/0", null, null, null)));

        assertThat(sg(groups, CLIENTS, NFS, Map.of()).status()).isEqualTo(SecurityGroupCheck.Status.BLOCKED);
    }

    @Test
    void shouldTakeTheUnionOfEveryGroupOfTheEni() {
        List<SecurityGroupObservation> groups = List.of(group("sg-1", cidr("r1", "tcp", 2049, 2049, "10.1.0.0/17")),
                group("sg-2", cidr("r2", "tcp", 2049, 2049, "10.1.128.0/17")));

        assertThat(sg(groups, CLIENTS, NFS, Map.of()).status()).isEqualTo(SecurityGroupCheck.Status.ALLOWED);
    }

    @Test
    void shouldResolveAGroupReferenceOnlyWhenItsKnownMembersCoverTheClient() {
        List<SecurityGroupObservation> groups = List.of(group("sg-fsx", new Rule("r1", false, "-1", null, null, null, null, "sg-app", null)));
        NetworkInterfaceObservation member = new NetworkInterfaceObservation(SCOPE, T0, "eni-app", "subnet-2a", "vpc-2", "az", "interface",
                "app", List.of("10.1.0.10"), List.of("sg-app"));
        Cidr oneHost = Cidr.parse("10.1.0.10/32").orElseThrow();

        assertThat(sg(groups, oneHost, NFS, Map.of("sg-app", List.of(member))).status()).isEqualTo(SecurityGroupCheck.Status.ALLOWED);

        SecurityGroupCheck.Verdict wide = sg(groups, CLIENTS, NFS, Map.of("sg-app", List.of(member)));
        assertThat(wide.status()).isEqualTo(SecurityGroupCheck.Status.UNVERIFIED);
        assertThat(wide.unresolved()).singleElement().asString().contains("r1").contains("sg-app");

        assertThat(sg(groups, oneHost, NFS, Map.of()).status()).isEqualTo(SecurityGroupCheck.Status.UNVERIFIED);
    }

    @Test
    void shouldCallAPrefixListUnverifiedButIgnoreOneForAnotherPort() {
        Rule prefixList = new Rule("r1", false, "tcp", 445, 445, null, null, null, "pl-0abc");

        assertThat(sg(List.of(group("sg-1", prefixList)), CLIENTS, PortNeed.tcp(445), Map.of()).status())
                .isEqualTo(SecurityGroupCheck.Status.UNVERIFIED);
        assertThat(sg(List.of(group("sg-1", prefixList)), CLIENTS, NFS, Map.of()).status()).isEqualTo(SecurityGroupCheck.Status.BLOCKED);
    }
}

package io.floatwatch.analyzer.core.failover;

import static io.floatwatch.analyzer.core.Fixture.IP;
import static io.floatwatch.analyzer.core.Fixture.PREFERRED;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static io.floatwatch.analyzer.core.Fixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.Fixture;
import io.floatwatch.model.Labels;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingStatus;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.finding.Severity;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteProblemsTest {

    @Test
    void shouldRaiseBadTargetWhenTheRoutePointsAtAnEniOfNoFileSystem() {
        Fixture f = new Fixture().home().clear();

        f.feed(table("rtb-2", "eni-0stray", minutes(5)));

        Finding bad = f.findings(FindingType.FLOATING_ROUTE_BAD_TARGET).get(0);
        assertThat(bad.status()).isEqualTo(FindingStatus.FIRING);
        assertThat(bad.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(bad.subject()).isEqualTo("123456789012/ap-northeast-1/fs-0abc/rtb-2/10.0.255.231");
        assertThat(bad.labels()).containsEntry(Labels.FS_ID, "fs-0abc").containsEntry(Labels.FLOATING_IP, IP)
                .containsEntry(Labels.ROUTE_TABLE_ID, "rtb-2");
        assertThat(bad.evidence()).containsEntry("target", "eni-0stray");
        assertThat(bad.summary()).isEqualTo("fs-0abc: the route for floating IP 10.0.255.231 in rtb-2 points at eni-0stray,"
                + " an ENI that belongs to no file system; subnets using rtb-2 cannot reach it");
        assertThat(f.findings(FindingType.FSX_FAILED_OVER)).as("a stray route is not a failover").isEmpty();

        f.feed(table("rtb-2", PREFERRED, minutes(7)));
        assertThat(f.findings(FindingType.FLOATING_ROUTE_BAD_TARGET)).hasSize(2);
        assertThat(f.findings.get(f.findings.size() - 1).status()).isEqualTo(FindingStatus.RESOLVED);
        assertThat(f.findings.get(f.findings.size() - 1).summary()).contains("points at preferred eni-0a (subnet-1a) again");
    }

    @Test
    void shouldRaiseBadTargetWhenTheRoutePointsAtAnotherFileSystemsEni() {
        FileSystemObservation other = new FileSystemObservation(Fixture.SCOPE, minutes(0), "fs-0other", "ONTAP",
                "MULTI_AZ_1", "AVAILABLE", Fixture.VPC, "10.0.15.192/26", List.of("10.0.15.231"), List.of("rtb-9"),
                List.of(), "subnet-1a", List.of("eni-0x", "eni-0y"), 128, null, List.of());
        Fixture f = new Fixture().home().feed(other).clear();

        f.feed(table("rtb-1", "eni-0x", minutes(5)));

        assertThat(f.findings(FindingType.FLOATING_ROUTE_BAD_TARGET)).singleElement()
                .satisfies(x -> assertThat(x.summary()).contains("eni-0x, an ENI of fs-0other, not of fs-0abc"));
    }

    @Test
    void shouldRaiseBadTargetWhenTheRouteIsABlackhole() {
        Fixture f = new Fixture().home().clear();

        f.feed(table("rtb-1", minutes(5), new Route(IP + "/32", PREFERRED, Route.BLACKHOLE, "CreateRoute")));

        Finding bad = f.findings(FindingType.FLOATING_ROUTE_BAD_TARGET).get(0);
        assertThat(bad.evidence()).containsEntry("route_state", "blackhole");
        assertThat(bad.summary()).contains("is a blackhole");
    }

    @Test
    void shouldRaiseBadTargetWhenATableOutsideRouteTableIdsSendsTheFloatingIpElsewhere() {
        Fixture f = new Fixture().home().clear();

        f.feed(table("rtb-7", "eni-0stray", minutes(5)));

        assertThat(f.findings(FindingType.FLOATING_ROUTE_BAD_TARGET)).singleElement()
                .satisfies(x -> assertThat(x.evidence()).containsEntry("managed_by_fsx", "false"));
    }

    @Test
    void shouldRaiseMissingWhenAManagedTableHasNoRouteForTheFloatingIp() {
        Fixture f = new Fixture().home().clear();

        f.feed(table("rtb-2", minutes(5)));

        Finding missing = f.findings(FindingType.FLOATING_ROUTE_MISSING).get(0);
        assertThat(missing.status()).isEqualTo(FindingStatus.FIRING);
        assertThat(missing.labels()).containsEntry(Labels.ROUTE_TABLE_ID, "rtb-2");
        assertThat(missing.summary()).isEqualTo("fs-0abc: rtb-2 has no route for floating IP 10.0.255.231; subnets using it"
                + " cannot reach the file system");
        assertThat(f.events).singleElement().satisfies(e -> assertThat(e.labels()).containsEntry(Labels.ENI_ID, "none"));

        f.feed(table("rtb-2", PREFERRED, minutes(6)));
        assertThat(f.findings(FindingType.FLOATING_ROUTE_MISSING).get(1).status()).isEqualTo(FindingStatus.RESOLVED);
    }

    @Test
    void shouldNotRaiseMissingWhenAManagedTableWasNeverObserved() {
        Fixture f = new Fixture().feed(Fixture.fileSystem(minutes(0)), table("rtb-1", PREFERRED, minutes(0)));

        assertThat(f.findings).isEmpty();
    }
}

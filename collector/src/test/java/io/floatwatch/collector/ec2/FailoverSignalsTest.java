package io.floatwatch.collector.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

class FailoverSignalsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T04:00:00Z");

    private static RouteTable table(String id, String floatingEni) {
        return RouteTable.builder().routeTableId(id).routes(
                Route.builder().destinationCidrBlock("10.0.0.0/16").gatewayId("local").build(),
                Route.builder().destinationCidrBlock("10.0.255.231/32").networkInterfaceId(floatingEni).build(),
                Route.builder().destinationCidrBlock("0.0.0.0/0").networkInterfaceId("eni-nat").build()).build();
    }

    @Test
    void shouldSeeNothingWhenEveryManagedTableAgreesAndNothingMoved() {
        FailoverSignals first = FailoverSignals.of(null, List.of(table("rtb-a", "eni-1"), table("rtb-b", "eni-1")), true, 1, T0);
        FailoverSignals second = FailoverSignals.of(first, List.of(table("rtb-a", "eni-1"), table("rtb-b", "eni-1")), true, 1, T0.plusSeconds(2));

        assertThat(second.disagree()).isFalse();
        assertThat(second.lastChange()).isNull();
    }

    @Test
    void shouldSeeAHalfDoneFlipAndWhenItStartedWhenOneTableMoved() {
        FailoverSignals before = FailoverSignals.of(null, List.of(table("rtb-a", "eni-1"), table("rtb-b", "eni-1")), true, 1, T0);

        FailoverSignals half = FailoverSignals.of(before, List.of(table("rtb-a", "eni-2"), table("rtb-b", "eni-1")), true, 1, T0.plusSeconds(2));
        FailoverSignals done = FailoverSignals.of(half, List.of(table("rtb-a", "eni-2"), table("rtb-b", "eni-2")), true, 1, T0.plusSeconds(4));
        FailoverSignals later = FailoverSignals.of(done, List.of(table("rtb-a", "eni-2"), table("rtb-b", "eni-2")), true, 1, T0.plusSeconds(6));

        assertThat(half.disagree()).isTrue();
        assertThat(half.lastChange()).isEqualTo(T0.plusSeconds(2));
        assertThat(done.disagree()).isFalse();
        assertThat(done.lastChange()).isEqualTo(T0.plusSeconds(4));
        assertThat(later.lastChange()).as("kept until the cadence's hold runs out").isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void shouldReplaceWhatAPageOfTheRollingReadAskedForAndKeepTheRest() {
        FailoverSignals full = FailoverSignals.of(null, List.of(table("rtb-a", "eni-1"), table("rtb-b", "eni-1"), table("rtb-c", "eni-1")),
                true, 20, T0);
        RouteTable routeDeleted = RouteTable.builder().routeTableId("rtb-a")
                .routes(Route.builder().destinationCidrBlock("10.0.0.0/16").gatewayId("local").build()).build();

        // rtb-a lost its floating route, rtb-b is gone (asked, not returned); rtb-c was not asked.
        FailoverSignals page = FailoverSignals.ofPart(full, List.of(routeDeleted), Set.of("rtb-a", "rtb-b"), T0.plusSeconds(4));

        assertThat(page.enisByTable()).as("only rtb-c still routes the floating IP as far as the loop knows")
                .containsOnlyKeys("rtb-c");
        assertThat(page.lastChange()).as("a deleted route is no move").isNull();
        assertThat(page.calls()).as("a page is no full read").isEqualTo(20);
        assertThat(page.lastFull()).isEqualTo(T0);

        FailoverSignals pass = page.passCompleted(Set.of("rtb-a", "rtb-b"), 21, T0.plusSeconds(2));

        assertThat(pass.enisByTable()).as("a table no longer managed is no longer watched").isEmpty();
        assertThat(pass.calls()).isEqualTo(21);
        assertThat(pass.lastFull()).as("a pass counts as read when it began").isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void shouldNotCallATableSeenForTheFirstTimeAMove() {
        FailoverSignals before = FailoverSignals.of(null, List.of(table("rtb-a", "eni-1")), true, 1, T0);

        FailoverSignals after = FailoverSignals.of(before, List.of(table("rtb-a", "eni-1"), table("rtb-c", "eni-1")), true, 3, T0.plusSeconds(2));

        assertThat(after.lastChange()).isNull();
        assertThat(after.calls()).isEqualTo(3);
    }

    @Test
    void shouldKeepTheTablesAFocusReadDidNotReadAndNameTheMovingOnes() {
        FailoverSignals full = FailoverSignals.of(null, List.of(table("rtb-a", "eni-1"), table("rtb-b", "eni-1"), table("rtb-z", "eni-9")),
                true, 20, T0);

        FailoverSignals focus = FailoverSignals.of(full, List.of(table("rtb-a", "eni-2")), false, 1, T0.plusSeconds(2));

        assertThat(focus.targets()).containsKeys("rtb-b 10.0.255.231/32", "rtb-z 10.0.255.231/32");
        assertThat(focus.calls()).as("the cost of a full read, not of the focus read").isEqualTo(20);
        assertThat(focus.lastFull()).isEqualTo(T0);
        assertThat(focus.disagree()).isTrue();
        // a moved, b and z route the same destination elsewhere (the synthetic tables share one floating IP)
        assertThat(focus.movingTables(T0.plusSeconds(3), Duration.ofMinutes(2))).containsExactly("rtb-a", "rtb-b", "rtb-z");
        FailoverSignals settled = FailoverSignals.of(focus, List.of(table("rtb-a", "eni-2"), table("rtb-b", "eni-2"), table("rtb-z", "eni-2")),
                true, 20, T0.plusSeconds(20));
        assertThat(settled.movingTables(T0.plusSeconds(21), Duration.ofMinutes(2))).containsExactly("rtb-a", "rtb-b", "rtb-z");
        assertThat(settled.movingTables(T0.plusSeconds(200), Duration.ofMinutes(2))).isEmpty();
        assertThat(settled.lastFull()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void shouldDateTablesThatDisagreeAtFirstSightSoTheirUrgencyAgesOut() {
        FailoverSignals first = FailoverSignals.of(null, List.of(table("rtb-a", "eni-2"), table("rtb-b", "eni-1")), true, 1, T0);
        FailoverSignals again = FailoverSignals.of(first, List.of(table("rtb-a", "eni-2"), table("rtb-b", "eni-1")), true, 1, T0.plusSeconds(2));

        assertThat(first.disagree()).isTrue();
        assertThat(first.lastChange()).isEqualTo(T0);
        assertThat(again.lastChange()).isEqualTo(T0);
    }
}

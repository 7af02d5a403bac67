package io.floatwatch.collector.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
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
        FailoverSignals first = FailoverSignals.of(null, List.of(table("rtb-a", "eni-1"), table("rtb-b", "eni-1")), 1, T0);
        FailoverSignals second = FailoverSignals.of(first, List.of(table("rtb-a", "eni-1"), table("rtb-b", "eni-1")), 1, T0.plusSeconds(2));

        assertThat(second.disagree()).isFalse();
        assertThat(second.lastChange()).isNull();
    }

    @Test
    void shouldSeeAHalfDoneFlipAndWhenItStartedWhenOneTableMoved() {
        FailoverSignals before = FailoverSignals.of(null, List.of(table("rtb-a", "eni-1"), table("rtb-b", "eni-1")), 1, T0);

        FailoverSignals half = FailoverSignals.of(before, List.of(table("rtb-a", "eni-2"), table("rtb-b", "eni-1")), 1, T0.plusSeconds(2));
        FailoverSignals done = FailoverSignals.of(half, List.of(table("rtb-a", "eni-2"), table("rtb-b", "eni-2")), 1, T0.plusSeconds(4));
        FailoverSignals later = FailoverSignals.of(done, List.of(table("rtb-a", "eni-2"), table("rtb-b", "eni-2")), 1, T0.plusSeconds(6));

        assertThat(half.disagree()).isTrue();
        assertThat(half.lastChange()).isEqualTo(T0.plusSeconds(2));
        assertThat(done.disagree()).isFalse();
        assertThat(done.lastChange()).isEqualTo(T0.plusSeconds(4));
        assertThat(later.lastChange()).as("kept until the cadence's hold runs out").isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void shouldNotCallATableSeenForTheFirstTimeAMove() {
        FailoverSignals before = FailoverSignals.of(null, List.of(table("rtb-a", "eni-1")), 1, T0);

        FailoverSignals after = FailoverSignals.of(before, List.of(table("rtb-a", "eni-1"), table("rtb-c", "eni-7")), 3, T0.plusSeconds(2));

        assertThat(after.lastChange()).isNull();
        assertThat(after.calls()).isEqualTo(3);
    }
}

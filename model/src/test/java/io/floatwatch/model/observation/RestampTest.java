package io.floatwatch.model.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.Scope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestampTest {

    private static final Scope S = new Scope("123456789012", "ap-northeast-1");
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant LATER = T.plusSeconds(30);

    @Test
    void shouldCarryEveryComponentOverAndMoveOnlyTheTime() {
        List<Observation> all = List.of(
                new SubnetObservation(S, T, "subnet-1", "vpc-1", "10.0.1.0/24", "ap-northeast-1a", 250),
                new RouteTableObservation(S, T, "rtb-1", "vpc-1", false, List.of("subnet-1"),
                        List.of(new Route("10.0.255.231/32", "eni-1", Route.ACTIVE, "CreateRoute")),
                        java.util.Map.of("AmazonFSx", "fs-1")),
                new PollCompleted(S, T, "ec2.route-tables", PollCompleted.OK, 3, 120L, null));
        for (Observation o : all) {
            Observation restamped = Restamp.of(o, LATER);
            assertThat(restamped).as(o.getClass().getSimpleName()).isNotSameAs(o).hasSameClassAs(o);
            assertThat(restamped.observedAt()).isEqualTo(LATER);
            assertThat(SameContent.of(restamped, o)).isTrue();
            assertThat(Restamp.of(restamped, T)).isEqualTo(o);
        }
    }
}

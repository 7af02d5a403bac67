package io.floatwatch.collector.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.FileSystemObservation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Group mode: a region's lookups see the file systems of accounts another replica polls, and a scope's own poll wins. */
class SightingsPeersTest {

    private static final Instant T0 = Instant.parse("2026-12-06T07:00:00Z");
    private static final Scope STORAGE = new Scope("111111111111", "eu-west-1");
    private static final Scope NETWORK = new Scope("222222222222", "eu-west-1");
    private static final Scope ELSEWHERE = new Scope("111111111111", "us-east-1");

    private static FileSystemObservation multiAz(Scope scope, String id, String floatingIp) {
        return new FileSystemObservation(scope, T0, id, "OPENZFS", "MULTI_AZ_1", "AVAILABLE", "vpc-1", "10.0.255.224/28",
                List.of(floatingIp), List.of("rtb-1"), List.of("subnet-1", "subnet-2"), "subnet-1", List.of("eni-1", "eni-2"), 160, null,
                List.of());
    }

    @Test
    void shouldSearchTheFloatingIpsOfAnAccountAnotherReplicaPollsWhenTheyShareTheRegion() {
        Sightings sightings = new Sightings();
        sightings.peer(STORAGE, FileSystemSource.NAME, List.of(multiAz(STORAGE, "fs-0000000000000000a", "10.0.255.231")));
        sightings.peer(ELSEWHERE, FileSystemSource.NAME, List.of(multiAz(ELSEWHERE, "fs-0000000000000000b", "10.9.255.231")));

        assertThat(sightings.floatingDestinations(NETWORK)).containsExactly("10.0.255.224/28", "10.0.255.231/32");
    }

    @Test
    void shouldPreferTheScopesOwnPollToWhatItFollowedFromTheTopic() {
        Sightings sightings = new Sightings();
        sightings.peer(STORAGE, FileSystemSource.NAME, List.of(multiAz(STORAGE, "fs-0000000000000000a", "10.0.255.231")));
        sightings.record(STORAGE, FileSystemSource.NAME, List.of(multiAz(STORAGE, "fs-0000000000000000a", "10.0.255.232")));

        assertThat(sightings.floatingDestinations(NETWORK)).containsExactly("10.0.255.224/28", "10.0.255.232/32");
    }
}

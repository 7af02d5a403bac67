package io.floatwatch.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.Scope;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.json.RecordDecodingException;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mangled observation records: each decodes to an observation or fails with a
 * RecordDecodingException saying why, which is what the analyzer needs to dead-letter it. Any
 * other exception would escape the analyzer's decode step.
 */
class RecordCodecFuzzTest {

    private static final int INPUTS = 20_000;
    static final Scope SCOPE = new Scope("123456789012", "ap-northeast-1");

    @Test
    @Timeout(120)
    void shouldDecodeOrExplainEveryRecordWhenObservationsAreMangled() {
        List<byte[]> seeds = seeds();
        Mutator mutator = new Mutator(7L);
        List<String> crashes = new ArrayList<>();
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = mutator.mutate(seeds.get(i % seeds.size()));
            try {
                Observation o = RecordCodec.observations().decode(input);
                decoded += o == null ? 0 : 1;
            } catch (RecordDecodingException e) {
                refused++;
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    crashes.add("#" + i + " refused without a reason: " + new String(input, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (RuntimeException | StackOverflowError e) {
                crashes.add("#" + i + " " + e + " for " + new String(input, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(crashes).as("%d decoded, %d refused; crashes (first 5):%n%s", decoded, refused,
                String.join("\n", crashes.subList(0, Math.min(5, crashes.size())))).isEmpty();
        assertThat(refused).isGreaterThan(INPUTS / 4);
    }

    /** One valid record of each kind the analyzer reads most. */
    static List<byte[]> seeds() {
        Instant at = Instant.parse("2026-11-23T00:00:00Z");
        List<Observation> samples = List.of(
                new RouteTableObservation(SCOPE, at, "rtb-0a3b4c5d6e7f8a9b1", "vpc-1", false, List.of("subnet-1"),
                        List.of(new Route("10.0.255.231/32", "eni-0a", Route.ACTIVE, "CreateRoute"),
                                new Route("10.0.0.0/16", "local", Route.ACTIVE, "CreateRouteTable")), Map.of("Name", "a")),
                new FileSystemObservation(SCOPE, at, "fs-0123456789abcdef0", "OPENZFS", "MULTI_AZ_1", "AVAILABLE", "vpc-1",
                        "10.0.255.224/28", List.of("10.0.255.231"), List.of("rtb-0a3b4c5d6e7f8a9b1"), List.of("subnet-1", "subnet-2"),
                        "subnet-1", List.of("eni-0a", "eni-0c"), 160, "1:05:00", List.of()),
                new NetworkInterfaceObservation(SCOPE, at, "eni-0a", "subnet-1", "vpc-1", "ap-northeast-1a", "interface",
                        "ENI for FSx fs-0123456789abcdef0", List.of("10.0.1.158")),
                new PollCompleted(SCOPE, at, "ec2.route-tables", PollCompleted.OK, 3, 12, null),
                new VpnConnectionObservation(SCOPE, at, "vpn-1", "available", "cgw-1", null, "tgw-1", false, List.of(),
                        List.of(new VpnConnectionObservation.Tunnel("203.0.113.1", "UP", "2 BGP ROUTES", at, 2,
                                "169.254.10.0/30", 65000L, null))),
                new TunnelStateObservation(SCOPE, at, "203.0.113.1", "vpn-1", 1.0, at));
        return samples.stream().map(o -> RecordCodec.observations().encode(o)).toList();
    }
}

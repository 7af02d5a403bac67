package io.floatwatch.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.AdministrativeAction;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    private static final Scope SCOPE = new Scope("123456789012", "ap-northeast-1");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void shouldRoundTripEveryObservationKindWithSchemaVersion() {
        List<Observation> all = List.of(
                new RouteTableObservation(SCOPE, T0, "rtb-1", "vpc-1", true, List.of("subnet-a"),
                        List.of(new Route("10.0.255.231/32", "eni-a", "active", "CreateRoute")), Map.of("k", "v")),
                new FileSystemObservation(SCOPE, T0, "fs-1", "OPENZFS", "MULTI_AZ_1", "AVAILABLE", "vpc-1",
                        "10.0.255.224/28", List.of("10.0.255.231"), List.of("rtb-1", "rtb-2"),
                        List.of("subnet-a", "subnet-b"), "subnet-a", List.of("eni-a", "eni-b"), 160, "1:05:00",
                        List.of(new AdministrativeAction("FILE_SYSTEM_UPDATE", "IN_PROGRESS", T0, "ThroughputCapacity=320"))),
                new PollCompleted(SCOPE, T0, "ec2.route-tables", "ok", 2, 120, null));
        for (Observation o : all) {
            byte[] bytes = RecordCodec.observations().encode(o);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"schemaVersion\":1,");
            assertThat(RecordCodec.observations().decode(bytes)).isEqualTo(o);
        }
    }

    @Test
    void shouldTreatEmptyPayloadAsTombstone() {
        assertThat(RecordCodec.observations().decode(null)).isNull();
        assertThat(RecordCodec.observations().decode(new byte[0])).isNull();
    }

    @Test
    void shouldRejectNewerSchemaVersionWithUpgradeHint() {
        byte[] future = "{\"schemaVersion\":2,\"kind\":\"RouteTable\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RecordCodec.observations().decode(future))
                .isInstanceOf(RecordDecodingException.class).hasMessageContaining("schemaVersion 2").hasMessageContaining("upgrade");
    }

    @Test
    void shouldExplainMalformedRecords() {
        assertThatThrownBy(() -> RecordCodec.observations().decode("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RecordDecodingException.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> RecordCodec.observations().decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RecordDecodingException.class).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> RecordCodec.observations().decode("{\"schemaVersion\":1,\"kind\":\"Nope\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RecordDecodingException.class).hasMessageContaining("invalid Observation");
        assertThatThrownBy(() -> RecordCodec.observations().decode("{\"kind\":\"RouteTable\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RecordDecodingException.class).hasMessageContaining("schemaVersion");
    }

    @Test
    void shouldRoundTripFindingsAndKeepIdStable() {
        Finding f = Finding.firing(FindingType.FSX_FAILED_OVER, "123456789012/ap-northeast-1/fs-1",
                Map.of("fs_id", "fs-1"), T0, T0, Map.of("route_tables", "rtb-1"), "fs-1 failed over");
        assertThat(f.id()).isEqualTo("fsx_failed_over:123456789012/ap-northeast-1/fs-1");
        Finding back = RecordCodec.findings().decode(RecordCodec.findings().encode(f));
        assertThat(back).isEqualTo(f);
        Finding resolved = f.resolved(T0.plusSeconds(60), "failed back", Map.of("failed_over_seconds", "60"));
        assertThat(resolved.id()).isEqualTo(f.id());
        assertThat(resolved.sameAs(f)).isFalse();
        assertThat(RecordCodec.findings().decode(RecordCodec.findings().encode(resolved)).endedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void shouldDeriveAlertNameAndLabelFromType() {
        assertThat(FindingType.FSX_FAILOVER_STALLED.alertName()).isEqualTo("FsxFailoverStalled");
        assertThat(FindingType.FSX_FAILOVER_STALLED.label()).isEqualTo("fsx_failover_stalled");
    }
}

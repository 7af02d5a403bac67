package io.floatwatch.analyzer.core;

import static io.floatwatch.analyzer.core.Fixture.T0;
import static io.floatwatch.analyzer.core.Fixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.json.Json;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scope-wide memory (open VPN, path and staleness findings, tunnel change history, path verdicts)
 * survives a restart through JSON, so nothing already sent is sent again and flapping keeps counting.
 */
class ScopeWideRestartTest {

    private static final String B = "203.0.113.2";

    private static List<Observation> history() {
        List<Observation> all = new ArrayList<>();
        all.add(World.vgw(T0));
        all.add(World.vpnOnVgw("vpn-1", T0, World.up("203.0.113.1", 2, T0), World.up(B, 2, T0)));
        all.add(new PollCompleted(Fixture.SCOPE, minutes(1), "vpn.connections", PollCompleted.FAILED, 0, 10, "Throttling"));
        for (int i = 1; i <= 3; i++) {
            all.add(World.vpnOnVgw("vpn-1", minutes(i * 5), World.up("203.0.113.1", 2, T0),
                    i % 2 == 1 ? World.down(B, minutes(i * 5)) : World.up(B, 2, minutes(i * 5))));
        }
        return all;
    }

    @Test
    void shouldNeitherRepeatNorForgetScopeWideFindingsWhenStateIsRestoredFromJson() throws Exception {
        Fixture before = new Fixture(RulePolicy.defaults()).feed(history().toArray(Observation[]::new));
        assertThat(before.firing(FindingType.DATA_STALE)).hasSize(1);
        assertThat(before.firing(FindingType.VPN_REDUNDANCY_LOST)).hasSize(1);

        Fixture after = new Fixture(RulePolicy.defaults());
        after.restore(Json.mapper().readValue(Json.mapper().writeValueAsBytes(before.state()), ScopeState.class));
        Map<String, Observation> latest = new LinkedHashMap<>();
        history().forEach(o -> latest.put(o.resourceId(), o));
        latest.values().forEach(after.analyzer()::load);

        // The same latest observation again: nothing new to say.
        after.feed(latest.get("vpn-1"));
        assertThat(after.findings).isEmpty();

        // The fourth change within the hour: flapping, counted across the restart.
        after.feed(World.vpnOnVgw("vpn-1", minutes(20), World.up("203.0.113.1", 2, T0), World.up(B, 2, minutes(20))));
        assertThat(after.findings(FindingType.VPN_TUNNEL_FLAPPING)).hasSize(1);
        assertThat(after.findings(FindingType.VPN_REDUNDANCY_LOST)).singleElement()
                .satisfies(x -> assertThat(x.firing()).isFalse());
    }

    @Test
    void shouldReadAStateWrittenBeforeTheScopeWideFieldsExisted() throws Exception {
        String old = "{\"version\":1,\"scope\":{\"account\":\"123456789012\",\"region\":\"ap-northeast-1\"},"
                + "\"clock\":\"2025-03-01T09:00:00Z\",\"fileSystems\":{}}";

        ScopeState state = Json.mapper().readValue(old, ScopeState.class);

        assertThat(state.open()).isEmpty();
        assertThat(state.tunnels()).isEmpty();
        assertThat(state.paths()).isEmpty();
    }
}

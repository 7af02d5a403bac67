package io.floatwatch.analyzer.core.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeSilenceTest {

    private static final Scope SCOPE = new Scope("123456789012", "eu-west-1");
    private static final Instant HEARD = Instant.parse("2026-12-06T00:00:00Z");
    private static final RulePolicy POLICY = RulePolicy.defaults();

    @Test
    void shouldTakeTheFastestSourcesLimitAndNeverLessThanStaleAfterWhenCadencesAreKnown() {
        ScopeState none = ScopeState.empty(SCOPE);
        assertThat(ScopeSilence.limit(none, POLICY)).isEqualTo(POLICY.staleAfter());

        ScopeState slow = withCadences(Map.of("ec2.route-tables", Duration.ofMinutes(5), "cloudwatch.tunnel-state",
                Duration.ofMinutes(15)));
        assertThat(ScopeSilence.limit(slow, POLICY)).as("three of the fastest interval").isEqualTo(Duration.ofMinutes(15));

        ScopeState fast = withCadences(Map.of("ec2.route-tables", Duration.ofSeconds(30)));
        assertThat(ScopeSilence.limit(fast, POLICY)).as("never below staleAfter").isEqualTo(POLICY.staleAfter());
    }

    @Test
    void shouldFireOnlyPastTheLimitByTheWallClockAndResolveWhenHeardAgain() {
        ScopeState state = ScopeState.empty(SCOPE);
        Instant justBefore = HEARD.plus(POLICY.staleAfter());
        assertThat(ScopeSilence.judge(SCOPE, state, HEARD, justBefore, POLICY)).isNull();

        Finding stale = ScopeSilence.judge(SCOPE, state, HEARD, justBefore.plusSeconds(1), POLICY);
        assertThat(stale.id()).isEqualTo(ScopeSilence.findingId(SCOPE));
        assertThat(stale.startedAt()).isEqualTo(HEARD.plus(POLICY.staleAfter()));
        assertThat(ScopeSilence.judge(SCOPE, state, HEARD, justBefore.plusSeconds(600), POLICY))
                .as("the same finding while the silence lasts, so it is published once").matches(f -> f.sameAs(stale));

        Finding resolved = ScopeSilence.resolve(stale, justBefore.plusSeconds(900));
        assertThat(resolved.status()).isEqualTo(FindingStatus.RESOLVED);
        assertThat(resolved.id()).isEqualTo(stale.id());
    }

    private static ScopeState withCadences(Map<String, Duration> intervals) {
        Map<String, SourceCadence> sources = new java.util.TreeMap<>();
        intervals.forEach((source, interval) -> sources.put(source, new SourceCadence(HEARD, interval)));
        ScopeState empty = ScopeState.empty(SCOPE);
        return new ScopeState(empty.version(), SCOPE, HEARD, empty.fileSystems(), empty.open(), empty.tunnels(), empty.paths(),
                sources);
    }
}

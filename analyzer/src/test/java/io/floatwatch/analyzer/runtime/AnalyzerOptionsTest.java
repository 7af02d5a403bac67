package io.floatwatch.analyzer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.model.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analyzer's options hold the operator's choices; the runtime facts join them only in {@link AnalyzerOptions#settings}. */
class AnalyzerOptionsTest {

    private static final Path STATE = Path.of("/var/lib/floatwatch");

    @Test
    void shouldTakeTheRulesOwnDefaultsWhenOnlyTheDeadlineIsGiven() {
        AnalyzerOptions options = new AnalyzerOptions("fw", STATE, null);

        assertThat(options.stallDeadline()).isEqualTo(FailoverPolicy.DEFAULT_STALL_DEADLINE);
        assertThat(options.rules()).isEqualTo(RulePolicy.defaults());
    }

    @Test
    void shouldCompleteTheOptionsWithTheBrokersAndScopesWithoutChangingThem() {
        RulePolicy rules = new RulePolicy(Duration.ofMinutes(30), null, null, null, 6, null, null, null);
        Scope scope = new Scope("123456789012", "ap-northeast-1");

        AnalyzerSettings settings = new AnalyzerOptions("fw", STATE, Duration.ofMinutes(20), rules)
                .settings("127.0.0.1:9092", List.of(), List.of(scope));

        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.applicationId()).isEqualTo("fw");
        assertThat(settings.stateDir()).isEqualTo(STATE);
        assertThat(settings.stallDeadline()).isEqualTo(Duration.ofMinutes(20));
        assertThat(settings.rules()).isEqualTo(rules);
        assertThat(settings.topics()).isEqualTo(AnalyzerTopics.defaults());
        assertThat(settings.watched()).containsExactly(scope);
    }

    @Test
    void shouldChangeOnlyTheProbeGraceAndTheStateDirectory() {
        RulePolicy rules = new RulePolicy(Duration.ofMinutes(30), null, null, null, 6, null, null, null);
        AnalyzerOptions options = new AnalyzerOptions("fw", STATE, Duration.ofMinutes(20), rules);

        AnalyzerOptions changed = options.withProbeGrace(Duration.ofSeconds(5)).withStateDir(Path.of("/data/streams"));

        assertThat(changed.rules().probeGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changed.rules().failbackOverdue()).isEqualTo(Duration.ofMinutes(30));
        assertThat(changed.rules().flapThreshold()).isEqualTo(6);
        assertThat(changed.stateDir()).isEqualTo(Path.of("/data/streams"));
        assertThat(changed.stallDeadline()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void shouldRefuseAZeroStallDeadline() {
        assertThatThrownBy(() -> new AnalyzerOptions("fw", STATE, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stallDeadline");
    }
}

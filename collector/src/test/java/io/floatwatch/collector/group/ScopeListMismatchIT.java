package io.floatwatch.collector.group;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static io.floatwatch.collector.TestSupport.VIRGINIA;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.CollectorSettingsBuilder;
import io.floatwatch.collector.TestSupport;
import io.floatwatch.model.Scope;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Two real replicas join one group, one configured with Tokyo and Virginia, the other with Tokyo only: partition 0 is
 * Tokyo on both, but partition 1 is Virginia on one and no scope on the other, so whichever replica gets it leaves
 * Virginia unpolled. Both must report the other through the mismatch gauge. A third replica with the first one's list
 * must not be reported as differing from it.
 */
class ScopeListMismatchIT {

    private static final String OBSERVATIONS = "observations-mismatch";
    private static final String GROUP = "mismatch-collectors";

    @Test
    void shouldReportAReplicaThatSharesTheGroupWithAnotherScopeList() throws Exception {
        try (KafkaBroker broker = KafkaBrokers.start(); AwsSimulator simulator = AwsSimulator.start()) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(OBSERVATIONS, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            MeterRegistry twoScopesMetrics = new SimpleMeterRegistry();
            MeterRegistry oneScopeMetrics = new SimpleMeterRegistry();
            MeterRegistry twinMetrics = new SimpleMeterRegistry();
            try (ScopeGroup twoScopes = replica(simulator, bootstrap, "two", twoScopesMetrics, TOKYO, VIRGINIA);
                    ScopeGroup oneScope = replica(simulator, bootstrap, "one", oneScopeMetrics, TOKYO);
                    ScopeGroup twin = replica(simulator, bootstrap, "twin", twinMetrics, VIRGINIA, TOKYO)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (mismatch(twoScopesMetrics) < 1 || mismatch(oneScopeMetrics) < 2 || mismatch(twinMetrics) < 1) {
                    assertThat(System.nanoTime()).as("mismatch reported within 90 s").isLessThan(deadline);
                    Thread.sleep(200);
                }
                // Each of the two-scope replicas differs from the one-scope replica only, not from each other.
                assertThat(twoScopes.scopeListMismatches()).isEqualTo(1);
                assertThat(twin.scopeListMismatches()).isEqualTo(1);
                assertThat(oneScope.scopeListMismatches()).isEqualTo(2);
            }
        }
    }

    private static double mismatch(MeterRegistry registry) {
        return registry.get(ScopeListWatch.MISMATCH).gauge().value();
    }

    private static ScopeGroup replica(AwsSimulator simulator, String bootstrap, String name, MeterRegistry registry, Scope... scopes) {
        CollectorSettings settings = CollectorSettingsBuilder.from(TestSupport.settings(simulator, bootstrap, scopes)).topic(OBSERVATIONS)
                .pollInterval(Duration.ofSeconds(30)).build();
        ScopeGroupSettings group = new ScopeGroupSettings(GROUP, null, Duration.ofSeconds(6), name, null, null, null);
        return ScopeGroup.start(settings, group, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")),
                Clock.systemUTC(), registry);
    }
}

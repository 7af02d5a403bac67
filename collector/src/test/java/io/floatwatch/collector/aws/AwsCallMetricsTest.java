package io.floatwatch.collector.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.Scope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollector;

class AwsCallMetricsTest {

    private static final Scope TOKYO = new Scope("123456789012", "ap-northeast-1");

    @Test
    void shouldHoldEveryOutcomeAtZeroPerScopeWhenPreRegisteredSoTheFirstThrottleIsAnIncrease() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new AwsCallMetrics(registry).preRegister(TOKYO, "ec2", "DescribeRouteTables");

        assertThat(registry.find(AwsCallMetrics.REQUESTS).tag("account", TOKYO.account()).tag("region", TOKYO.region())
                .tag("operation", "DescribeRouteTables").counters())
                .extracting(c -> c.getId().getTag("outcome")).containsExactlyInAnyOrderElementsOf(AwsCallMetrics.OUTCOMES);
        assertThat(registry.find(AwsCallMetrics.REQUESTS).counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void shouldCountTheAttemptWithItsScopeAndRecordItsDurationInHistogramBucketsWhenACallIsPublished() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MetricCollector call = MetricCollector.create("ApiCall");
        call.reportMetric(CoreMetric.SERVICE_ID, "EC2");
        call.reportMetric(CoreMetric.OPERATION_NAME, "DescribeRouteTables");
        MetricCollector attempt = call.createChild("ApiCallAttempt");
        attempt.reportMetric(HttpMetric.HTTP_STATUS_CODE, 200);
        attempt.reportMetric(CoreMetric.SERVICE_CALL_DURATION, Duration.ofMillis(120));

        new AwsCallMetrics(registry).forScope(TOKYO).publish(call.collect());

        Counter ok = registry.get(AwsCallMetrics.REQUESTS).tag("service", "ec2").tag("outcome", "success")
                .tag("account", TOKYO.account()).tag("region", TOKYO.region()).counter();
        assertThat(ok.count()).isEqualTo(1);
        Timer duration = registry.get(AwsCallMetrics.DURATION).tag("operation", "DescribeRouteTables").timer();
        assertThat(duration.takeSnapshot().histogramCounts()).hasSize(AwsCallMetrics.BUCKETS.length)
                .filteredOn(b -> b.bucket(java.util.concurrent.TimeUnit.MILLISECONDS) >= 250).allSatisfy(b -> assertThat(b.count()).isEqualTo(1));
    }
}

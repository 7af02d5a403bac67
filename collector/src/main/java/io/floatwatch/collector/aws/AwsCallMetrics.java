package io.floatwatch.collector.aws;

import io.floatwatch.model.Scope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts every HTTP request the SDK sends, retries included, because each one costs API
 * quota: {@code floatwatch.aws.requests{service,operation,outcome,account,region}} and a duration
 * histogram {@code floatwatch.aws.request.duration{service,operation,outcome}} (buckets from 50 ms to
 * 60 s; without account and region, to keep the bucket series few).
 *
 * <p>Outcomes: {@code success}, {@code throttling}, {@code service_error} (any other AWS error
 * answer), {@code timeout}, {@code io}, {@code other} (e.g. an unreadable answer) or {@code error}
 * (a non-2xx answer the SDK did not classify). {@link #preRegister} creates every outcome's counter
 * at 0 for the operations a scope will call, so {@code increase()} sees the first throttle.
 */
public final class AwsCallMetrics {

    public static final String REQUESTS = "floatwatch.aws.requests";
    public static final String DURATION = "floatwatch.aws.request.duration";
    public static final List<String> OUTCOMES = List.of("success", "throttling", "service_error", "timeout", "io", "other",
            "error");
    /** Histogram buckets: a healthy call takes tens of milliseconds, a hung one runs into the call timeout. */
    static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;

    public AwsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The publisher for the clients of one scope: its counts carry the scope's account and region. */
    public MetricPublisher forScope(Scope scope) {
        return new ScopePublisher(scope);
    }

    /** Every outcome's counter at 0 for {@code service}/{@code operation} in {@code scope}. */
    public void preRegister(Scope scope, String service, String operation) {
        for (String outcome : OUTCOMES) {
            counter(scope, service, operation, outcome);
        }
    }

    private Counter counter(Scope scope, String service, String operation, String outcome) {
        return Counter.builder(REQUESTS).tag("service", service).tag("operation", operation).tag("outcome", outcome)
                .tag("account", scope.account()).tag("region", scope.region())
                .description("AWS API requests sent, retries included").register(registry);
    }

    private final class ScopePublisher implements MetricPublisher {
        private final Scope scope;

        ScopePublisher(Scope scope) {
            this.scope = scope;
        }

        @Override
        public void publish(MetricCollection call) {
            String service = first(call, CoreMetric.SERVICE_ID, "unknown").toLowerCase(Locale.ROOT);
            String operation = first(call, CoreMetric.OPERATION_NAME, "unknown");
            List<MetricCollection> attempts = call.children().stream().filter(c -> "ApiCallAttempt".equals(c.name())).toList();
            for (MetricCollection attempt : attempts) {
                String outcome = outcome(attempt);
                counter(scope, service, operation, outcome).increment();
                Duration took = first(attempt, CoreMetric.SERVICE_CALL_DURATION, null);
                if (took != null) {
                    Timer.builder(DURATION).tag("service", service).tag("operation", operation).tag("outcome", outcome)
                            .serviceLevelObjectives(BUCKETS)
                            .description("Time of one AWS API request").register(registry).record(took);
                }
            }
        }

        @Override
        public void close() {
            // meters belong to the registry
        }
    }

    /**
     * Maps the SDK's attempt error types to label values: Throttling; ServerError, which the SDK
     * uses for every error answer of the service, 4xx included; ConfiguredTimeout; IO; and Other,
     * which is where an unreadable 2xx body lands. The SDK records no HTTP status for a failed
     * attempt, so the poll's log line carries the details.
     */
    private static String outcome(MetricCollection attempt) {
        String errorType = first(attempt, CoreMetric.ERROR_TYPE, null);
        if (errorType == null) {
            Integer status = first(attempt, HttpMetric.HTTP_STATUS_CODE, null);
            return status != null && status >= 200 && status < 300 ? "success" : "error";
        }
        return switch (errorType) {
            case "Throttling" -> "throttling";
            case "ServerError" -> "service_error";
            case "ConfiguredTimeout" -> "timeout";
            case "IO" -> "io";
            default -> "other";
        };
    }

    private static <T> T first(MetricCollection collection, software.amazon.awssdk.metrics.SdkMetric<T> metric, T fallback) {
        List<T> values = collection.metricValues(metric);
        return values.isEmpty() || values.get(0) == null ? fallback : values.get(0);
    }
}

package io.floatwatch.collector.aws;

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
 * quota: {@code floatwatch.aws.requests{service,operation,outcome}} and a duration timer
 * {@code floatwatch.aws.request.duration} with the same tags.
 *
 * <p>Outcomes: {@code success}, {@code throttling}, {@code service_error} (any other AWS error
 * answer), {@code timeout}, {@code io}, {@code other} (e.g. an unreadable answer) or {@code error}
 * (a non-2xx answer the SDK did not classify).
 */
public final class AwsCallMetrics implements MetricPublisher {

    public static final String REQUESTS = "floatwatch.aws.requests";
    public static final String DURATION = "floatwatch.aws.request.duration";

    private final MeterRegistry registry;

    public AwsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void publish(MetricCollection call) {
        String service = first(call, CoreMetric.SERVICE_ID, "unknown").toLowerCase(Locale.ROOT);
        String operation = first(call, CoreMetric.OPERATION_NAME, "unknown");
        List<MetricCollection> attempts = call.children().stream().filter(c -> "ApiCallAttempt".equals(c.name())).toList();
        for (MetricCollection attempt : attempts) {
            String outcome = outcome(attempt);
            Counter.builder(REQUESTS).tag("service", service).tag("operation", operation).tag("outcome", outcome)
                    .description("AWS API requests sent, retries included").register(registry).increment();
            Duration took = first(attempt, CoreMetric.SERVICE_CALL_DURATION, null);
            if (took != null) {
                Timer.builder(DURATION).tag("service", service).tag("operation", operation).tag("outcome", outcome)
                        .description("Time of one AWS API request").register(registry).record(took);
            }
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

    @Override
    public void close() {
        // meters belong to the registry
    }
}

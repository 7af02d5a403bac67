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
 * <p>Outcomes: {@code success}, the SDK's error type in snake case ({@code throttling},
 * {@code server_error}, {@code client_error}, {@code io}, ...), or {@code malformed} for a 2xx
 * answer the SDK could not read.
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
        boolean callSucceeded = Boolean.TRUE.equals(first(call, CoreMetric.API_CALL_SUCCESSFUL, Boolean.FALSE));
        List<MetricCollection> attempts = call.children().stream().filter(c -> "ApiCallAttempt".equals(c.name())).toList();
        for (int i = 0; i < attempts.size(); i++) {
            MetricCollection attempt = attempts.get(i);
            boolean last = i == attempts.size() - 1;
            String outcome = outcome(attempt, last && !callSucceeded);
            Counter.builder(REQUESTS).tag("service", service).tag("operation", operation).tag("outcome", outcome)
                    .description("AWS API requests sent, retries included").register(registry).increment();
            Duration took = first(attempt, CoreMetric.SERVICE_CALL_DURATION, null);
            if (took != null) {
                Timer.builder(DURATION).tag("service", service).tag("operation", operation).tag("outcome", outcome)
                        .description("Time of one AWS API request").register(registry).record(took);
            }
        }
    }

    private static String outcome(MetricCollection attempt, boolean failedLast) {
        String errorType = first(attempt, CoreMetric.ERROR_TYPE, null);
        Integer status = first(attempt, HttpMetric.HTTP_STATUS_CODE, null);
        if (errorType != null) {
            return snake(errorType);
        }
        boolean ok = status != null && status >= 200 && status < 300;
        if (ok && failedLast) {
            // The server said 200 but the call failed after it: the body could not be read.
            return "malformed";
        }
        return ok ? "success" : "error";
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
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

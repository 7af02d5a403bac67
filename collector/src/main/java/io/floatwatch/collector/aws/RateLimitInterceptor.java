package io.floatwatch.collector.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Takes a token before every HTTP attempt of a client (retries included: each one costs EC2
 * budget), so the client can never exceed its scope's share, whatever its retry strategy does.
 *
 * <p>Background reads take their first attempt's token beforehand with {@link #background}, at the
 * bucket's background priority and outside the SDK's call and attempt timeouts (a background wait
 * may last as long as the other polls keep the bucket busy); the request then carries that token.
 */
public final class RateLimitInterceptor implements ExecutionInterceptor {

    public static final String WAIT = "floatwatch.aws.ratelimit.wait";

    /** The token of the call's first attempt was taken before the call; a retry takes its own. */
    static final ExecutionAttribute<AtomicBoolean> PREPAID = new ExecutionAttribute<>("floatwatch.ratelimit.prepaid");

    private final TokenBucket bucket;
    private final Timer waits;
    private final Timer backgroundWaits;

    public RateLimitInterceptor(TokenBucket bucket, String account, String region, MeterRegistry registry) {
        this.bucket = bucket;
        this.waits = timer("normal", account, region, registry);
        this.backgroundWaits = timer("background", account, region, registry);
    }

    private static Timer timer(String priority, String account, String region, MeterRegistry registry) {
        // A histogram, so a rule can ask how long the slowest calls waited (buckets as the AWS call durations').
        return Timer.builder(WAIT).tag("service", "ec2").tag("account", account).tag("region", region).tag("priority", priority)
                .serviceLevelObjectives(AwsCallMetrics.BUCKETS)
                .description("Time EC2 calls waited for the per-account-and-region token bucket (background: the route-table "
                        + "inventory, which only takes tokens the other polls leave)")
                .register(registry);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        AtomicBoolean prepaid = attributes.getAttribute(PREPAID);
        if (prepaid != null && prepaid.getAndSet(false)) {
            return;
        }
        try {
            waits.record(Duration.ofNanos(bucket.acquire()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting for the EC2 rate limit", e);
        }
    }

    /**
     * Waits for a background token (see {@link TokenBucket#acquireBackground}) and returns the request
     * override that spends it on the call's first attempt. Throws
     * {@link java.util.concurrent.CancellationException} once {@code wanted} turns false.
     */
    AwsRequestOverrideConfiguration background(BooleanSupplier wanted) throws InterruptedException {
        backgroundWaits.record(Duration.ofNanos(bucket.acquireBackground(wanted)));
        return AwsRequestOverrideConfiguration.builder().putExecutionAttribute(PREPAID, new AtomicBoolean(true)).build();
    }
}

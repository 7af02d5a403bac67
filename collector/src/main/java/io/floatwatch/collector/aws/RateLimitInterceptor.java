package io.floatwatch.collector.aws;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Takes a token before every HTTP attempt of a client (retries included: each one costs EC2
 * budget), so the client can never exceed its scope's share, whatever its retry strategy does.
 */
public final class RateLimitInterceptor implements ExecutionInterceptor {

    public static final String WAIT = "floatwatch.aws.ratelimit.wait";

    private final TokenBucket bucket;
    private final Timer waits;

    public RateLimitInterceptor(TokenBucket bucket, String account, String region, MeterRegistry registry) {
        this.bucket = bucket;
        this.waits = Timer.builder(WAIT).tag("service", "ec2").tag("account", account).tag("region", region)
                .description("Time EC2 calls waited for the per-account-and-region token bucket")
                .register(registry);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        try {
            waits.record(Duration.ofNanos(bucket.acquire()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting for the EC2 rate limit", e);
        }
    }
}

package io.floatwatch.collector.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How the collector's AWS clients retry and time out. Set explicitly, because SDK defaults
 * differ between SDKs and versions (Java's default made 4 attempts under a throttling storm).
 *
 * @param retryMode        standard (exponential backoff) or adaptive (also rate-limits the client after throttling)
 * @param maxAttempts      attempts per call, first one included
 * @param backoffBaseDelay base of the exponential backoff with jitter (standard mode only)
 * @param maxBackoff       cap of one backoff delay (standard mode only)
 */
public record AwsClientSettings(
        RetryMode retryMode,
        int maxAttempts,
        Duration backoffBaseDelay,
        Duration maxBackoff,
        Duration apiCallTimeout,
        Duration apiCallAttemptTimeout,
        Duration connectTimeout,
        Duration socketTimeout) {

    public enum RetryMode { STANDARD, ADAPTIVE }

    /** Beyond ten attempts a throttled call holds its poll for minutes; the next poll asks again anyway. */
    public static final int MAX_ATTEMPTS = 10;

    public AwsClientSettings {
        Objects.requireNonNull(retryMode, "retryMode");
        Objects.requireNonNull(backoffBaseDelay, "backoffBaseDelay");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
        Objects.requireNonNull(apiCallAttemptTimeout, "apiCallAttemptTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("maxAttempts must be 1.." + MAX_ATTEMPTS + ", was " + maxAttempts);
        }
    }

    public static AwsClientSettings defaults() {
        return new AwsClientSettings(RetryMode.STANDARD, 5, Duration.ofMillis(200), Duration.ofSeconds(20),
                Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    public AwsClientSettings withRetry(RetryMode mode, int attempts, Duration baseDelay, Duration max) {
        return new AwsClientSettings(mode, attempts, baseDelay, max, apiCallTimeout, apiCallAttemptTimeout, connectTimeout, socketTimeout);
    }

    public AwsClientSettings withTimeouts(Duration callTimeout, Duration attemptTimeout) {
        return new AwsClientSettings(retryMode, maxAttempts, backoffBaseDelay, maxBackoff, callTimeout, attemptTimeout, connectTimeout,
                socketTimeout);
    }
}

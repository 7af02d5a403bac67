package io.floatwatch.collector.aws;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A blocking token bucket: {@link #acquire()} waits until a token is free. One bucket per
 * (account, region) mirrors how EC2 meters Describe calls, so floatwatch's share of that budget
 * holds however many sources poll the scope at once.
 */
public final class TokenBucket {

    private final double perSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, int capacity) {
        this(perSecond, capacity, System::nanoTime);
    }

    TokenBucket(double perSecond, int capacity, LongSupplier nanoTime) {
        if (!(perSecond > 0) || capacity < 1) {
            throw new IllegalArgumentException("rate must be > 0 and capacity >= 1, were " + perSecond + ", " + capacity);
        }
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.last = nanoTime.getAsLong();
    }

    /** Takes one token, waiting as long as needed; returns the nanoseconds waited. */
    public long acquire() throws InterruptedException {
        long waited = 0;
        while (true) {
            long waitNanos;
            synchronized (this) {
                refill();
                if (tokens >= 1) {
                    tokens -= 1;
                    return waited;
                }
                waitNanos = (long) Math.ceil((1 - tokens) / perSecond * 1e9);
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, 100_000));
            waited += waitNanos;
        }
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
        last = now;
    }
}

package io.floatwatch.collector.aws;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A blocking token bucket: {@link #acquire()} waits until a token is free. One bucket per
 * (account, region) mirrors how EC2 meters Describe calls, so floatwatch's share of that budget
 * holds however many sources poll the scope at once.
 *
 * <p>Two priorities. {@link #acquire()} is for every poll. {@link #acquireBackground} is for work
 * that may take as long as it needs (the route-table inventory, hundreds of pages): it takes a token
 * only when the bucket is full and no {@link #acquire()} is waiting, that is, only a token that would
 * otherwise overflow. The other polls therefore find the bucket as if the background work did not
 * exist (at most one token short), and the background work gets whatever they leave of the rate.
 * Both take from the same bucket, so the budget holds for both together.
 */
public final class TokenBucket {

    /** How often a background wait looks again whether it is still wanted. */
    static final long BACKGROUND_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MIN_SLEEP_NANOS = 100_000;

    private final double perSecond;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;
    /** Callers of {@link #acquire()} that found no token and are waiting for one; background takes wait for them. */
    private int waiting;

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
        boolean counted = false;
        try {
            while (true) {
                long waitNanos;
                synchronized (this) {
                    refill();
                    if (tokens >= 1) {
                        tokens -= 1;
                        return waited;
                    }
                    if (!counted) {
                        waiting++;
                        counted = true;
                    }
                    waitNanos = (long) Math.ceil((1 - tokens) / perSecond * 1e9);
                }
                TimeUnit.NANOSECONDS.sleep(Math.max(waitNanos, MIN_SLEEP_NANOS));
                waited += waitNanos;
            }
        } finally {
            if (counted) {
                synchronized (this) {
                    waiting--;
                }
            }
        }
    }

    /**
     * Takes one token that no {@link #acquire()} wants: waits until the bucket is full and nobody
     * waits in {@link #acquire()}. Returns the nanoseconds waited.
     *
     * @param wanted asked at least every {@value #BACKGROUND_RECHECK_NANOS} ns while waiting; once false the wait
     *               ends with a {@link CancellationException} and takes nothing
     */
    public long acquireBackground(BooleanSupplier wanted) throws InterruptedException {
        long waited = 0;
        while (true) {
            long waitNanos;
            synchronized (this) {
                if (tryTakeBackground()) {
                    return waited;
                }
                waitNanos = (long) Math.ceil((capacity - tokens) / perSecond * 1e9);
            }
            if (!wanted.getAsBoolean()) {
                throw new CancellationException("no longer wanted");
            }
            long sleep = Math.min(Math.max(waitNanos, MIN_SLEEP_NANOS), BACKGROUND_RECHECK_NANOS);
            TimeUnit.NANOSECONDS.sleep(sleep);
            waited += sleep;
        }
    }

    /** One step of {@link #acquireBackground}: takes a token if the bucket is full and nobody waits in {@link #acquire()}. */
    synchronized boolean tryTakeBackground() {
        refill();
        if (waiting == 0 && tokens >= capacity) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Tokens in the bucket now, for tests. */
    synchronized double available() {
        refill();
        return tokens;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
        last = now;
    }
}

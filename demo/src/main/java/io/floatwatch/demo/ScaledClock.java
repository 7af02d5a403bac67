package io.floatwatch.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code speed} times faster than the wall clock from a fixed start, so the
 * demo replays a 45-minute failover in about a minute while every observedAt, duration and
 * deadline reads as it would in real time. Only the demo uses it; the roles just take a Clock.
 */
public final class ScaledClock extends Clock {

    private final Instant simulatedStart;
    private final double speed;
    private volatile long wallStartNanos;
    private volatile boolean running;

    /** A clock standing still at {@code simulatedStart} until {@link #begin()}. */
    public ScaledClock(Instant simulatedStart, double speed) {
        if (speed <= 0) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        this.simulatedStart = simulatedStart;
        this.speed = speed;
    }

    /**
     * Starts time. Until then every role sees T+0, so the minutes the pipeline takes to start
     * (seconds of wall time, minutes of simulated time) do not eat into the scenario.
     */
    public void begin() {
        wallStartNanos = System.nanoTime();
        running = true;
    }

    /** Simulated time elapsed since {@link #begin()}. */
    public Duration elapsed() {
        return running ? Duration.ofNanos((long) ((System.nanoTime() - wallStartNanos) * speed)) : Duration.ZERO;
    }

    /** Wall-clock time that a simulated duration takes. */
    public Duration wall(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    public Instant start() {
        return simulatedStart;
    }

    public double speed() {
        return speed;
    }

    @Override
    public Instant instant() {
        return simulatedStart.plus(elapsed());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the demo clock is always UTC");
    }
}

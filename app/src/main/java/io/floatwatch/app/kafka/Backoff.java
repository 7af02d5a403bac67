package io.floatwatch.app.kafka;

import java.time.Duration;

/** A doubling delay between retries, from {@code first} up to {@code max}; reset after a success. Not thread-safe. */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private int failures;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** The delay before the next attempt, after one more failure. */
    Duration next() {
        failures++;
        int shift = Math.min(failures - 1, 20);
        Duration d = first.multipliedBy(1L << shift);
        return d.compareTo(max) > 0 ? max : d;
    }

    int failures() {
        return failures;
    }

    void reset() {
        failures = 0;
    }
}

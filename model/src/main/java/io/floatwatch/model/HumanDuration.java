package io.floatwatch.model;

import java.time.Duration;

/**
 * Durations the way on-call people read them, in every finding, event and notification alike:
 * {@code 850ms}, {@code 45s}, {@code 9m58s}, {@code 1h}, {@code 2h5m}. Zero components are left out
 * so that a policy written as {@code 1h} in the config reads back as {@code 1h} in the page.
 */
public final class HumanDuration {

    private HumanDuration() {
    }

    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (secs > 0) {
            text.append(secs).append('s');
        }
        return text.toString();
    }
}

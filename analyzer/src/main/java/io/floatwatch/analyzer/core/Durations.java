package io.floatwatch.analyzer.core;

import java.time.Duration;

/** Durations the way on-call people read them: {@code 9m58s}, {@code 1h2m}, {@code 0s}. */
final class Durations {

    private Durations() {
    }

    static String human(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0 || sb.length() == 0) {
            sb.append(s).append('s');
        }
        return sb.toString();
    }
}

package io.floatwatch.app.role;

import java.util.Locale;

/** The process roles of floatwatch, in flow order. Each scales on its own; {@code all} runs every one. */
public enum Role {
    COLLECTOR, ANALYZER, ALERTER,
    /** The data-plane probe: runs where one declared client runs, never in {@code all}. */
    PROBE;

    /** What {@code all} runs: every role that runs beside the others (the probe runs on client hosts). */
    public static java.util.Set<Role> all() {
        return java.util.EnumSet.of(COLLECTOR, ANALYZER, ALERTER);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.floatwatch.app.role;

import java.util.Locale;

/** The process roles of floatwatch, in flow order. Each scales on its own; {@code all} runs every one. */
public enum Role {
    COLLECTOR, ANALYZER, ALERTER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

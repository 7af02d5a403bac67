package io.floatwatch.app.config;

/** The {@code alerter:} section as written. */
public record AlerterConfig(String groupId) {

    /** The validated alerter settings with defaults applied. */
    public record Options(String groupId) {
    }

    static Options validate(AlerterConfig raw, Problems problems) {
        AlerterConfig a = raw == null ? new AlerterConfig(null) : raw;
        return new Options(a.groupId() == null ? "floatwatch-alerter" : a.groupId());
    }
}

package io.floatwatch.model;

/** Topic names. Every role reads these through config so a deployment can prefix them. */
public final class Topics {
    /** Compacted; key {@link ResourceKey}; value an {@link Observation} or a tombstone. */
    public static final String OBSERVATIONS = "floatwatch.observations";
    /** Compacted; key {@link Finding#id()}; value the latest state of the finding. */
    public static final String FINDINGS = "floatwatch.findings";
    /** Time-retained; key the subject (e.g. file system key); value an {@link Event}. */
    public static final String EVENTS = "floatwatch.events";
    /** Records that could not be decoded, with the reason in a header. */
    public static final String DEAD_LETTER = "floatwatch.dead-letter";

    private Topics() {
    }
}

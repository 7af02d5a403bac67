package io.floatwatch.model.finding;

/** A finding fires once, may be updated while firing, and is emitted once as resolved. */
public enum FindingStatus {
    FIRING, RESOLVED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

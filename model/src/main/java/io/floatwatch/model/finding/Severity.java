package io.floatwatch.model.finding;

/** How urgently a person must act. Critical pages; warning tickets; info only records. */
public enum Severity {
    CRITICAL, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

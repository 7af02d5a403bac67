package io.floatwatch.analyzer.core.failover;

import java.util.Locale;

/** Which of a Multi-AZ file system's two ENIs a route points at. */
public enum Role {
    PREFERRED, STANDBY,
    /** An ENI of the file system whose subnet is not known yet, so preferred and standby cannot be told apart. */
    UNKNOWN;

    /** The {@code role} label value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.floatwatch.alerter.notify;

import io.floatwatch.model.finding.Finding;
import java.util.Objects;

/**
 * A finding that started firing, changed in substance while firing, or resolved.
 *
 * @param finding the version that caused the notification (its status agrees with {@code kind})
 */
public record FindingNotification(Kind kind, Finding finding) implements Notification {

    public enum Kind {
        FIRING, UPDATED, RESOLVED
    }

    public FindingNotification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(finding, "finding");
    }
}

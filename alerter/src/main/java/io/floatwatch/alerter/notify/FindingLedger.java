package io.floatwatch.alerter.notify;

import io.floatwatch.model.finding.Finding;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last version of every finding, which decides what a new version is worth telling: the
 * analyzer may re-emit a finding unchanged (after its own restart), and the alerter must not page
 * twice for it.
 */
public final class FindingLedger {

    private final Map<String, Finding> last = new HashMap<>();

    /** Records {@code finding} (null: tombstone) as the latest under {@code id}; returns what to notify, if anything. */
    public Optional<FindingNotification> record(String id, Finding finding) {
        if (finding == null) {
            last.remove(id);
            return Optional.empty();
        }
        Finding previous = last.put(id, finding);
        if (finding.sameAs(previous)) {
            return Optional.empty();
        }
        if (finding.firing()) {
            // A change of severity is told as a new firing: it is an escalation (or a de-escalation)
            // and sinks that filter out updates must still hear it.
            boolean continuing = previous != null && previous.firing()
                    && Objects.equals(previous.startedAt(), finding.startedAt())
                    && previous.severity() == finding.severity();
            return Optional.of(new FindingNotification(
                    continuing ? FindingNotification.Kind.UPDATED : FindingNotification.Kind.FIRING, finding));
        }
        // A resolved finding is told once; a later resolved version only refines evidence or summary.
        if (previous != null && !previous.firing()) {
            return Optional.empty();
        }
        return Optional.of(new FindingNotification(FindingNotification.Kind.RESOLVED, finding));
    }

    public void clear() {
        last.clear();
    }
}

package io.floatwatch.model.finding;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something wrong (or notable) that a person on call should know, with a stable identity.
 *
 * @param id         {@code type:subject}, stable for the life of the condition; the Kafka key
 * @param subject    what it is about, e.g. {@code 123456789012/eu-west-1/fs-0abc}
 * @param labels     low-cardinality identifiers: account, region, fs_id, floating_ip, ...
 * @param startedAt  event time the condition began
 * @param endedAt    event time it cleared; null while firing
 * @param updatedAt  event time of the observation that produced this version
 * @param evidence   the facts behind it: route table ids, ENIs, durations
 * @param summary    one line a person on call understands
 * @param runbook    what to do
 */
public record Finding(
        String id,
        FindingType type,
        Severity severity,
        FindingStatus status,
        String subject,
        Map<String, String> labels,
        Instant startedAt,
        Instant endedAt,
        Instant updatedAt,
        Map<String, String> evidence,
        String summary,
        String runbook) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    public static String idOf(FindingType type, String subject) {
        return type.label() + ":" + subject;
    }

    /** A new firing finding with the type's default severity and runbook. */
    public static Finding firing(FindingType type, String subject, Map<String, String> labels, Instant startedAt,
            Instant updatedAt, Map<String, String> evidence, String summary) {
        return new Finding(idOf(type, subject), type, type.defaultSeverity(), FindingStatus.FIRING, subject,
                labels, startedAt, null, updatedAt, evidence, summary, type.runbook());
    }

    /** This finding, cleared at {@code at}, with a closing summary. */
    public Finding resolved(Instant at, String closingSummary, Map<String, String> moreEvidence) {
        Map<String, String> merged = new LinkedHashMap<>(evidence);
        if (moreEvidence != null) {
            merged.putAll(moreEvidence);
        }
        return new Finding(id, type, severity, FindingStatus.RESOLVED, subject, labels, startedAt, at, at, merged,
                closingSummary, runbook);
    }

    @JsonIgnore
    public boolean firing() {
        return status == FindingStatus.FIRING;
    }

    /**
     * True when {@code other} says the same thing to a person: used to decide whether a new version
     * is worth emitting. {@code updatedAt} alone changing is not news.
     */
    public boolean sameAs(Finding other) {
        return other != null && id.equals(other.id) && status == other.status && severity == other.severity
                && Objects.equals(startedAt, other.startedAt) && Objects.equals(endedAt, other.endedAt)
                && labels.equals(other.labels) && evidence.equals(other.evidence)
                && Objects.equals(summary, other.summary);
    }
}

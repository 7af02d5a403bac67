package io.floatwatch.alerter.metrics;

import io.floatwatch.model.Labels;
import io.micrometer.core.instrument.Tags;
import java.util.Map;

/** The labels that name one file system in every per-file-system series. */
record FileSystemRef(String account, String region, String fsId) {

    static FileSystemRef of(Map<String, String> labels) {
        return new FileSystemRef(label(labels, Labels.ACCOUNT), label(labels, Labels.REGION), label(labels, Labels.FS_ID));
    }

    /** A missing label becomes the empty value, which Prometheus treats as absent, instead of breaking the series. */
    static String label(Map<String, String> labels, String name) {
        String value = labels.get(name);
        return value == null ? "" : value;
    }

    Tags tags() {
        return Tags.of(Labels.ACCOUNT, account, Labels.REGION, region, Labels.FS_ID, fsId);
    }
}

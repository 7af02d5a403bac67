package io.floatwatch.collector.fsx;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.fsx.model.AdministrativeAction;
import software.amazon.awssdk.services.fsx.model.FileSystem;

/** A short text of what an administrative action changes, e.g. {@code ThroughputCapacity=320}. */
final class AdministrativeActions {

    private AdministrativeActions() {
    }

    static String detail(AdministrativeAction action) {
        FileSystem target = action.targetFileSystemValues();
        if (target == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (target.openZFSConfiguration() != null && target.openZFSConfiguration().throughputCapacity() != null) {
            parts.add("ThroughputCapacity=" + target.openZFSConfiguration().throughputCapacity());
        }
        if (target.ontapConfiguration() != null && target.ontapConfiguration().throughputCapacity() != null) {
            parts.add("ThroughputCapacity=" + target.ontapConfiguration().throughputCapacity());
        }
        if (target.storageCapacity() != null) {
            parts.add("StorageCapacity=" + target.storageCapacity());
        }
        return parts.isEmpty() ? null : String.join(",", parts);
    }
}

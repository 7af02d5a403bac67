package io.floatwatch.analyzer.core.findings;

import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import java.util.LinkedHashMap;
import java.util.Map;

/** Subjects and label sets, built in one place so events, findings and metrics agree on them. */
public final class Subjects {

    private Subjects() {
    }

    /** {@code account/region/fs-id}: the subject of file-system-wide findings and the key of its events. */
    public static String fileSystem(Scope scope, String fileSystemId) {
        return scope.id() + "/" + fileSystemId;
    }

    /** {@code account/region/fs-id/rtb-id/floating-ip}: one floating route. */
    public static String route(Scope scope, String fileSystemId, String routeTableId, String floatingIp) {
        return fileSystem(scope, fileSystemId) + "/" + routeTableId + "/" + floatingIp;
    }

    public static Map<String, String> fileSystemLabels(Scope scope, String fileSystemId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.ACCOUNT, scope.account());
        labels.put(Labels.REGION, scope.region());
        labels.put(Labels.FS_ID, fileSystemId);
        return labels;
    }

    public static Map<String, String> routeLabels(Scope scope, String fileSystemId, String routeTableId, String floatingIp) {
        Map<String, String> labels = fileSystemLabels(scope, fileSystemId);
        labels.put(Labels.FLOATING_IP, floatingIp);
        labels.put(Labels.ROUTE_TABLE_ID, routeTableId);
        return labels;
    }
}

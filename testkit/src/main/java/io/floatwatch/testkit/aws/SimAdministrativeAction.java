package io.floatwatch.testkit.aws;

import java.time.Instant;

/**
 * An FSx administrative action such as {@code FILE_SYSTEM_UPDATE}.
 *
 * @param status                   {@code PENDING}, {@code IN_PROGRESS}, {@code COMPLETED}, {@code FAILED}, ...
 * @param targetThroughputCapacity the throughput the update asks for, or null
 */
public record SimAdministrativeAction(String type, String status, Instant requestTime, Integer targetThroughputCapacity) {

    public static SimAdministrativeAction throughputUpdate(int target, String status, Instant requestTime) {
        return new SimAdministrativeAction("FILE_SYSTEM_UPDATE", status, requestTime, target);
    }

    public SimAdministrativeAction withStatus(String newStatus) {
        return new SimAdministrativeAction(type, newStatus, requestTime, targetThroughputCapacity);
    }
}

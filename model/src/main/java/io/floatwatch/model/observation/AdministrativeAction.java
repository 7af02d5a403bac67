package io.floatwatch.model.observation;

import java.time.Instant;

/**
 * An FSx administrative action, e.g. {@code FILE_SYSTEM_UPDATE} with status
 * {@code IN_PROGRESS}. A failover during one is planned.
 *
 * @param detail free text, such as the requested throughput ({@code ThroughputCapacity=320})
 */
public record AdministrativeAction(String type, String status, Instant requestTime, String detail) {

    public boolean inProgress() {
        return "IN_PROGRESS".equals(status) || "PENDING".equals(status);
    }
}

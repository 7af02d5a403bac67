package io.floatwatch.analyzer.core.failover;

import io.floatwatch.model.observation.FileSystemObservation;

/**
 * What a file system's Lifecycle says about its floating routes. DeleteFileSystem answers DELETING at once,
 * and FSx then removes the routes from the tables it manages and deletes the ENIs, so a table read during
 * the deletion lacks a route, or routes to a vanished ENI, and that is the deletion, not a fault. A file
 * system being deleted is judged as gone; what it leaves behind is an orphaned route ({@link OrphanRoutes}).
 */
public final class Lifecycle {

    static final String DELETING = "DELETING";

    private Lifecycle() {
    }

    /** Whether the file system floats its addresses: Multi-AZ, with floating IPs, and not being deleted. */
    public static boolean floats(FileSystemObservation fs) {
        return fs.multiAz() && !fs.floatingIps().isEmpty() && !DELETING.equals(fs.lifecycle());
    }
}

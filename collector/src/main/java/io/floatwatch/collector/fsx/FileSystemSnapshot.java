package io.floatwatch.collector.fsx;

import java.util.List;
import software.amazon.awssdk.services.fsx.model.FileSystem;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/** The raw answers of one file-system poll: all DescribeFileSystems pages and the ENIs of those file systems. */
public record FileSystemSnapshot(List<FileSystem> fileSystems, List<NetworkInterface> networkInterfaces) {

    public FileSystemSnapshot {
        fileSystems = List.copyOf(fileSystems);
        networkInterfaces = List.copyOf(networkInterfaces);
    }
}

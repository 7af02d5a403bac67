package io.floatwatch.collector.ec2;

import io.floatwatch.model.observation.FileSystemObservation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which ENIs the flip sentinel watches: for each Multi-AZ file system, the ENIs its floating routes do not point at in the
 * loop's last read. A DescribeRouteTables filtered on {@code route.network-interface-id} = those ENIs answers no table in
 * a steady estate (a tiny answer, one call per {@link #VALUES_PER_CALL} ENIs), and any table it answers is one whose
 * floating route has begun to move: a failover under way, seen without re-reading every managed table.
 *
 * <p>No {@code route.destination-cidr-block} filter beside it: the ENIs alone are specific to FSx, and the IPv6 floating
 * routes (destination-ipv6-cidr-block) are caught too.
 */
final class FlipSentinel {

    /** EC2 takes at most 200 values in one filter. */
    static final int VALUES_PER_CALL = 200;

    private FlipSentinel() {
    }

    /**
     * @param fileSystems the scope's file systems as last polled
     * @param enisByTable managed table -> ENIs its floating routes point at, as the loop last read them
     * @return the ENIs whose appearance as a route target means a flip; none for a file system whose tables were not read yet
     */
    static Set<String> watched(List<FileSystemObservation> fileSystems, Map<String, Set<String>> enisByTable) {
        Set<String> watched = new TreeSet<>();
        for (FileSystemObservation fs : fileSystems) {
            if (!fs.multiAz() || fs.networkInterfaceIds().size() < 2) {
                continue;
            }
            Set<String> targeted = new TreeSet<>();
            for (String table : fs.routeTableIds()) {
                targeted.addAll(enisByTable.getOrDefault(table, Set.of()));
            }
            targeted.retainAll(fs.networkInterfaceIds());
            if (targeted.isEmpty()) {
                // Not read yet (or routed elsewhere): no way to tell which ENI would be the flip; the full read covers it.
                continue;
            }
            fs.networkInterfaceIds().stream().filter(eni -> !targeted.contains(eni)).forEach(watched::add);
        }
        return watched;
    }

    /** DescribeRouteTables calls to ask about {@code enis}: 0 when there is nothing to watch. */
    static int calls(int enis) {
        return (enis + VALUES_PER_CALL - 1) / VALUES_PER_CALL;
    }
}

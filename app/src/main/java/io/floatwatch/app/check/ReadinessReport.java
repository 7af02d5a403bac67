package io.floatwatch.app.check;

import io.floatwatch.app.check.ReadinessPolicy.Level;
import java.math.BigDecimal;
import java.util.List;

/**
 * What {@code floatwatch check} found, ready to render as text, JSON or JUnit XML.
 *
 * @param exitCode    0 ready, 1 a problem would break a client on failover (or a path cannot be proven), 2 a read failed
 * @param verdict     {@code ready}, {@code not ready} or {@code cannot tell}
 * @param items       every problem, unverified path, warning and working path, worst first
 * @param fileSystems each Multi-AZ file system seen, with the worst level of its items
 * @param clients     each declared client, with the worst level of its items
 * @param advice      what clients outside a file system's VPC must mount
 * @param polls       each source's one poll of each scope: every source of the collector's registry
 * @param calls       the AWS requests the check sent, per operation
 * @param costUsd     what AWS charges for them
 */
public record ReadinessReport(int exitCode, String verdict, List<String> scopes, List<FileSystemLine> fileSystems,
        List<ClientLine> clients, List<Item> items, List<ReadError> readErrors, List<MountAdvice> advice, List<SourcePoll> polls,
        List<AwsCallCount> calls, BigDecimal costUsd) {

    public ReadinessReport {
        scopes = List.copyOf(scopes);
        fileSystems = List.copyOf(fileSystems);
        clients = List.copyOf(clients);
        items = List.copyOf(items);
        readErrors = List.copyOf(readErrors);
        advice = List.copyOf(advice);
        polls = List.copyOf(polls);
        calls = List.copyOf(calls);
    }

    /** Items at {@code level}. */
    public List<Item> at(Level level) {
        return items.stream().filter(i -> i.level() == level).toList();
    }

    /**
     * One thing checked: a finding of the analyzer's rules, or one client's path to one endpoint.
     *
     * @param check       the finding type's name (e.g. {@code FloatingRouteMissing}) or {@code ClientPath}
     * @param fileSystemId null when the finding concerns no one file system (a VPN)
     * @param client      for paths (and client findings): the declared client
     * @param endpoint    for paths: the address and the kinds used there, e.g. {@code 10.0.255.231 (nfs)}
     * @param verdict     for paths: reachable, unreachable, unsupported, unverified
     * @param hops        for paths: the hops walked, out and back
     * @param fix         what to do; null when nothing is wrong
     */
    public record Item(Level level, String check, String account, String region, String fileSystemId, String client,
            String via, String endpoint, String verdict, String summary, List<String> hops, String fix) {

        public Item {
            hops = hops == null ? List.of() : List.copyOf(hops);
        }
    }

    /** A Multi-AZ file system and how its checks came out (the worst level among its items; ok without any). */
    public record FileSystemLine(String account, String region, String fileSystemId, String type, String vpcId,
            String endpointIpAddressRange, List<String> routeTableIds, Level level) {

        public FileSystemLine {
            routeTableIds = List.copyOf(routeTableIds);
        }
    }

    /**
     * A declared client and how its paths came out: the worst level among its items, and how many paths were judged
     * (none: no Multi-AZ file system it mounts was found where it can reach one, which is a warning).
     */
    public record ClientLine(String client, String via, Level level, int paths, int working) {
    }

    /**
     * A client outside the file system's VPC: the file system's DNS name does not resolve there (NXDOMAIN), so it
     * must mount the endpoint addresses themselves.
     */
    public record MountAdvice(String client, String via, String fileSystemId, String fileSystemVpcId, List<String> mount,
            String advice) {

        public MountAdvice {
            mount = List.copyOf(mount);
        }
    }

    /** One source's poll of one scope, from its marker: {@code ok}, {@code failed}, {@code no_access} or {@code blocked}. */
    public record SourcePoll(String scope, String source, String outcome, int resources) {
    }
}

package io.floatwatch.collector.source;

import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.StorageVirtualMachineObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each source saw in its last successful poll of a scope, so that one source can drive
 * another's lookups: the file systems name the floating IPs to search in TGW route tables and
 * the route tables of the fast loop; the VPN connections name the tunnels whose CloudWatch
 * metrics are fetched. It only narrows what is asked; it never stands in for an answer.
 */
public final class Sightings {

    private final Map<String, List<Observation>> latest = new ConcurrentHashMap<>();
    private final Map<String, Boolean> lastPollOk = new ConcurrentHashMap<>();
    /**
     * Group mode: what other replicas published for scopes this one does not poll, followed from the observations topic,
     * so region-wide lookups (a RAM-shared TGW searched for every account's floating IPs) ask what one collector would.
     * A scope's own sightings win over these.
     */
    private final Map<String, List<Observation>> peers = new ConcurrentHashMap<>();

    public void record(Scope scope, String source, List<Observation> observations) {
        latest.put(scope.id() + "|" + source, List.copyOf(observations));
        lastPollOk.put(scope.id() + "|" + source, true);
    }

    /**
     * What the previous owner of a scope published (group mode), so lookups that depend on it (floating destinations of
     * TGW searches) ask the same as before; not vouched for, so a source that needs a successful poll still waits for one.
     */
    public void seed(Scope scope, String source, List<Observation> observations) {
        latest.put(scope.id() + "|" + source, List.copyOf(observations));
    }

    /** What another replica last published for a (scope, source) of the region (group mode); replaces the previous. */
    public void peer(Scope scope, String source, List<Observation> observations) {
        peers.put(scope.id() + "|" + source, List.copyOf(observations));
    }

    /** Drops a scope another replica polls now. */
    public void forget(Scope scope) {
        String prefix = scope.id() + "|";
        latest.keySet().removeIf(k -> k.startsWith(prefix));
        lastPollOk.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** The source's last poll failed: its observations stay (to keep lookups going) but it no longer vouches for them. */
    public void failed(Scope scope, String source) {
        lastPollOk.put(scope.id() + "|" + source, false);
    }

    /** Whether the last poll of {@code source} in {@code scope} succeeded (false before the first). */
    public boolean lastPollOk(Scope scope, String source) {
        return lastPollOk.getOrDefault(scope.id() + "|" + source, false);
    }

    public <T extends Observation> List<T> latest(Scope scope, Class<T> type) {
        List<T> out = new ArrayList<>();
        latest.forEach((key, observations) -> {
            if (key.startsWith(scope.id() + "|")) {
                observations.stream().filter(type::isInstance).map(type::cast).forEach(out::add);
            }
        });
        return out;
    }

    /** The same, for every scope of the region: a RAM-shared TGW in one account carries another account's file systems. */
    public <T extends Observation> List<T> latestInRegion(Scope scope, Class<T> type) {
        List<T> out = new ArrayList<>();
        String suffix = "/" + scope.region() + "|";
        latest.forEach((key, observations) -> {
            if (key.contains(suffix)) {
                observations.stream().filter(type::isInstance).map(type::cast).forEach(out::add);
            }
        });
        peers.forEach((key, observations) -> {
            if (key.contains(suffix) && !latest.containsKey(key)) {
                observations.stream().filter(type::isInstance).map(type::cast).forEach(out::add);
            }
        });
        return out;
    }

    /**
     * Destinations to look up in TGW route tables, sorted: every floating IP as a /32 and every
     * endpoint range of a Multi-AZ file system (a range outside the VPC CIDR needs static TGW routes),
     * of every account of the region.
     */
    public List<String> floatingDestinations(Scope scope) {
        TreeSet<String> destinations = new TreeSet<>();
        for (FileSystemObservation fs : latestInRegion(scope, FileSystemObservation.class)) {
            if (!fs.multiAz()) {
                continue;
            }
            fs.floatingIps().forEach(ip -> destinations.add(ip + "/32"));
            if (fs.endpointIpAddressRange() != null) {
                destinations.add(fs.endpointIpAddressRange());
            }
        }
        return List.copyOf(destinations);
    }

    /**
     * Every endpoint address of a Multi-AZ file system of the region as a /32, sorted: floating IPs, ONTAP
     * management and intercluster addresses and the SVMs' endpoints. A longest-prefix lookup resolves each
     * to the route that carries it, which proves a route present or missing.
     */
    public List<String> floatingAddresses(Scope scope) {
        TreeSet<String> addresses = new TreeSet<>();
        TreeSet<String> multiAz = new TreeSet<>();
        for (FileSystemObservation fs : latestInRegion(scope, FileSystemObservation.class)) {
            if (fs.multiAz()) {
                multiAz.add(fs.fileSystemId());
                fs.floatingIps().forEach(ip -> addresses.add(ip + "/32"));
                fs.managementIps().forEach(ip -> addresses.add(ip + "/32"));
                fs.interclusterIps().forEach(ip -> addresses.add(ip + "/32"));
            }
        }
        for (StorageVirtualMachineObservation svm : latestInRegion(scope, StorageVirtualMachineObservation.class)) {
            if (multiAz.contains(svm.fileSystemId())) {
                for (List<String> ips : List.of(svm.managementIps(), svm.nfsIps(), svm.smbIps(), svm.iscsiIps(), svm.nvmeIps())) {
                    ips.forEach(ip -> addresses.add(ip + "/32"));
                }
            }
        }
        return List.copyOf(addresses);
    }

    /** Route tables FSx writes floating routes into, sorted. */
    public List<String> managedRouteTableIds(Scope scope) {
        TreeSet<String> ids = new TreeSet<>();
        latest(scope, FileSystemObservation.class).forEach(fs -> ids.addAll(fs.routeTableIds()));
        return List.copyOf(ids);
    }

    /** Tunnel outside IP -> VPN connection id, in the order the VPN source reported them. */
    public Map<String, String> tunnels(Scope scope) {
        Map<String, String> tunnels = new LinkedHashMap<>();
        for (VpnConnectionObservation vpn : latest(scope, VpnConnectionObservation.class)) {
            vpn.tunnels().stream().filter(t -> t.outsideIpAddress() != null)
                    .forEach(t -> tunnels.put(t.outsideIpAddress(), vpn.vpnConnectionId()));
        }
        return tunnels;
    }
}

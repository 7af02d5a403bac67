package io.floatwatch.analyzer.core;

import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.NetworkInterfaceObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.Route;
import io.floatwatch.model.observation.RouteTableObservation;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The latest observation of every resource of one scope, with the few indexes the rules need.
 *
 * <p>This is a cache, not state of its own: it holds exactly what the compacted observations
 * topic (or the analyzer's observation store) holds, so it can always be rebuilt from there and
 * never has to be persisted. Putting the same observation twice is harmless.
 */
public final class RegionModel {

    private final Scope scope;
    private final Map<String, RouteTableObservation> routeTables = new HashMap<>();
    // Sorted so that evaluations, and therefore outputs, come in the same order on every replay.
    private final Map<String, FileSystemObservation> fileSystems = new TreeMap<>();
    private final Map<String, NetworkInterfaceObservation> networkInterfaces = new HashMap<>();
    /** eni id -> id of the file system listing it in NetworkInterfaceIds. */
    private final Map<String, String> eniOwners = new HashMap<>();
    /** host address of a /32 route -> ids of the tables holding one; finds hand-made floating routes. */
    private final Map<String, Set<String>> tablesByHostAddress = new HashMap<>();

    public RegionModel(Scope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public Scope scope() {
        return scope;
    }

    /** Records the latest state of one resource; observations of other scopes are refused. */
    public void put(Observation observation) {
        if (!scope.equals(observation.scope())) {
            throw new IllegalArgumentException("observation of " + observation.scope() + " fed to the model of " + scope);
        }
        if (observation instanceof RouteTableObservation table) {
            remove(table.routeTableId());
            routeTables.put(table.routeTableId(), table);
            for (Route route : table.routes()) {
                if (route.isHostRoute()) {
                    tablesByHostAddress.computeIfAbsent(route.hostAddress(), a -> new TreeSet<>()).add(table.routeTableId());
                }
            }
        } else if (observation instanceof FileSystemObservation fs) {
            remove(fs.fileSystemId());
            fileSystems.put(fs.fileSystemId(), fs);
            for (String eni : fs.networkInterfaceIds()) {
                eniOwners.put(eni, fs.fileSystemId());
            }
        } else if (observation instanceof NetworkInterfaceObservation eni) {
            networkInterfaces.put(eni.networkInterfaceId(), eni);
        }
        // Poll markers only advance event time; the model has nothing to keep from them.
    }

    /** Forgets a resource after a tombstone; resource ids are unique across kinds (rtb-, fs-, eni-). */
    public void remove(String resourceId) {
        RouteTableObservation table = routeTables.remove(resourceId);
        if (table != null) {
            for (Route route : table.routes()) {
                if (route.isHostRoute()) {
                    Set<String> tables = tablesByHostAddress.get(route.hostAddress());
                    if (tables != null) {
                        tables.remove(resourceId);
                        if (tables.isEmpty()) {
                            tablesByHostAddress.remove(route.hostAddress());
                        }
                    }
                }
            }
        }
        FileSystemObservation fs = fileSystems.remove(resourceId);
        if (fs != null) {
            for (String eni : fs.networkInterfaceIds()) {
                eniOwners.remove(eni, resourceId);
            }
        }
        networkInterfaces.remove(resourceId);
    }

    public Optional<RouteTableObservation> routeTable(String routeTableId) {
        return Optional.ofNullable(routeTables.get(routeTableId));
    }

    public Optional<FileSystemObservation> fileSystem(String fileSystemId) {
        return Optional.ofNullable(fileSystems.get(fileSystemId));
    }

    public Optional<NetworkInterfaceObservation> networkInterface(String eniId) {
        return Optional.ofNullable(networkInterfaces.get(eniId));
    }

    /** The file system that lists this ENI, if any. */
    public Optional<String> ownerOf(String eniId) {
        return Optional.ofNullable(eniOwners.get(eniId));
    }

    /** All file systems, sorted by id. */
    public List<FileSystemObservation> fileSystems() {
        return List.copyOf(fileSystems.values());
    }

    /** Ids of the tables that hold a /32 route for this address, sorted. */
    public Set<String> tablesWithHostRoute(String address) {
        Set<String> tables = tablesByHostAddress.get(address);
        return tables == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(tables));
    }

    public int size() {
        return routeTables.size() + fileSystems.size() + networkInterfaces.size();
    }
}

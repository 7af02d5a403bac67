package io.floatwatch.analyzer.core.region;

import io.floatwatch.model.observation.ProbeObservation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Complete probe records by resource id ({@code probe/<client>/<fs-id>/<ip>:<port>}), so one address's ports sit together. */
final class ProbeIndex implements ObservationIndex<ProbeObservation> {

    private final Consumer<String> changed;
    private final TreeMap<String, ProbeObservation> byId = new TreeMap<>();

    ProbeIndex(Consumer<String> changed) {
        this.changed = changed;
    }

    @Override
    public Class<ProbeObservation> kind() {
        return ProbeObservation.class;
    }

    @Override
    public ProbeObservation held(String resourceId) {
        return byId.get(resourceId);
    }

    /** An incomplete record is not filed: the one held before it, if any, stays. */
    @Override
    public void put(ProbeObservation probe) {
        if (!probe.complete()) {
            return;
        }
        ProbeObservation before = byId.put(probe.resourceId(), probe);
        // A heartbeat only moves the record's time (and the latest handshake's latency, which no rule reads): the
        // pieces that read it learn of it at their staleness deadline, so heartbeats do not re-judge paths.
        if (before == null || before.outcome() != probe.outcome() || !before.since().equals(probe.since())
                || !Objects.equals(before.outageStart(), probe.outageStart())
                || !Objects.equals(before.endpointKind(), probe.endpointKind())) {
            changed.accept(ModelKey.probe(probe.client(), probe.fileSystemId(), probe.targetIp()));
        }
    }

    @Override
    public boolean remove(String resourceId, Instant at) {
        ProbeObservation probe = byId.remove(resourceId);
        if (probe == null) {
            return false;
        }
        changed.accept(ModelKey.probe(probe.client(), probe.fileSystemId(), probe.targetIp()));
        return true;
    }

    /** None: a probe record is what a client saw, not an AWS resource. */
    @Override
    public int resources() {
        return 0;
    }

    /** The records of one client towards one endpoint address, every port. */
    List<ProbeObservation> towards(String client, String fsId, String ip) {
        String prefix = ProbeObservation.ID_PREFIX + client + "/" + fsId + "/" + ip + ":";
        return List.copyOf(byId.subMap(prefix, prefix + Character.MAX_VALUE).values());
    }

    List<ProbeObservation> ofFileSystem(String fsId) {
        return byId.values().stream().filter(p -> p.fileSystemId().equals(fsId)).toList();
    }
}

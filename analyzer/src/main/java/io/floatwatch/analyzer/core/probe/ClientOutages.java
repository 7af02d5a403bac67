package io.floatwatch.analyzer.core.probe;

import io.floatwatch.analyzer.core.failover.FileSystemState;
import io.floatwatch.analyzer.core.failover.Phase;
import io.floatwatch.analyzer.core.findings.Subjects;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.ClientOutage;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.observation.ProbeObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The outage each declared client felt during a failover or failback, from its probe's records: first failed probe
 * to first success after it. The event that closes a move (FAILOVER_CONVERGED, FAILBACK_COMPLETED) carries every
 * outage of the move known then, ended or still going; an outage still going then is reported once more, as a
 * CLIENT_OUTAGE event, when the client connects again. So each outage is counted exactly once as ended.
 */
public final class ClientOutages {

    /** An outage that ends later than this after the move closed is not reported as the move's. */
    static final Duration HORIZON = Duration.ofMinutes(15);

    private ClientOutages() {
    }

    /** The outages of the move that started at {@code moveStart} and closes at {@code closedAt}, sorted. */
    public static List<ClientOutage> ofMove(List<ProbeObservation> probes, Instant moveStart, Instant closedAt, Duration lead) {
        Instant from = moveStart == null ? closedAt : moveStart.minus(lead);
        List<ClientOutage> out = new ArrayList<>();
        for (ProbeObservation p : probes) {
            Instant start = p.outageStart();
            if (start == null || start.isBefore(from) || start.isAfter(closedAt)) {
                continue;
            }
            Instant end = p.outcome().connected() ? p.since() : null;
            if (end != null && end.isAfter(closedAt)) {
                end = null;
            }
            out.add(new ClientOutage(p.client(), p.targetIp(), p.port(), p.endpointKind(), start, end));
        }
        out.sort(Comparator.comparing(ClientOutage::client).thenComparing(ClientOutage::endpointIp)
                .thenComparingInt(ClientOutage::port));
        return out;
    }

    /** The closing event with the move's outages and a line comparing them with the documented 60 s. */
    public static Event attach(Event closing, List<ClientOutage> outages, List<ProbeObservation> probes) {
        if (outages.isEmpty()) {
            // Probes that reported through the move and never failed are news too: the clients did not notice.
            boolean heard = probes.stream().anyMatch(p -> closing.at().isBefore(p.staleAt()));
            return heard ? closing.withClientOutages(List.of(), closing.message() + "; the clients' probes saw no outage")
                    : closing;
        }
        return closing.withClientOutages(outages, closing.message() + "; " + summary(outages, closing.at()));
    }

    /** Seconds, as the documentation states the bound: {@code 42 s}. */
    static String secs(Duration d) {
        return d.getSeconds() + " s";
    }

    /** {@code clients saw up to 42 s of outage (documented: under 60 s)}, and what is still cut off. */
    static String summary(List<ClientOutage> outages, Instant at) {
        Duration worst = outages.stream().filter(o -> !o.ongoing()).map(o -> o.duration(at)).max(Duration::compareTo)
                .orElse(null);
        long ongoing = outages.stream().filter(ClientOutage::ongoing).count();
        StringBuilder sb = new StringBuilder();
        if (worst != null) {
            sb.append("clients saw up to ").append(secs(worst)).append(" of outage (documented: under ")
                    .append(secs(ClientOutage.DOCUMENTED)).append(worst.compareTo(ClientOutage.DOCUMENTED) > 0
                            ? ", exceeded" : "").append(")");
        }
        if (ongoing > 0) {
            Duration longest = outages.stream().filter(ClientOutage::ongoing).map(o -> o.duration(at))
                    .max(Duration::compareTo).orElse(Duration.ZERO);
            sb.append(sb.length() > 0 ? "; " : "").append(ongoing).append(" client endpoint(s) still cut off, for ")
                    .append(secs(longest)).append(" so far (documented: under ")
                    .append(secs(ClientOutage.DOCUMENTED)).append(")");
        }
        return sb.toString();
    }

    /**
     * The CLIENT_OUTAGE event for a probe that just connected again, when its outage was still going as the move
     * closed (so the closing event could not say how long it lasted); else null.
     */
    public static Event ended(Scope scope, ProbeObservation now, ProbeObservation before, FileSystemState cycle, Duration lead) {
        Duration outage = now.endedOutage();
        if (outage == null || cycle == null || (before != null && before.since().equals(now.since())
                && before.outcome() == now.outcome())) {
            return null;
        }
        Instant closedAt;
        Instant moveStart;
        String move;
        if (cycle.phase() == Phase.FAILED_OVER && cycle.convergedAt() != null) {
            closedAt = cycle.convergedAt();
            moveStart = cycle.failoverStartedAt();
            move = "failover";
        } else if (cycle.phase() == Phase.HOME && cycle.cycleEndedAt() != null) {
            closedAt = cycle.cycleEndedAt();
            moveStart = cycle.endedCycleFrom();
            move = "failback";
        } else {
            return null;
        }
        Instant start = now.outageStart();
        Instant from = moveStart == null ? closedAt : moveStart.minus(lead);
        if (start.isBefore(from) || start.isAfter(closedAt) || !now.since().isAfter(closedAt)
                || now.since().isAfter(closedAt.plus(HORIZON))) {
            return null;
        }
        ClientOutage o = new ClientOutage(now.client(), now.targetIp(), now.port(), now.endpointKind(), start, now.since());
        Map<String, String> labels = Subjects.fileSystemLabels(scope, now.fileSystemId());
        labels.put(Labels.CLIENT, now.client());
        labels.put(Labels.ENDPOINT_IP, now.targetIp());
        labels.put(Labels.ENDPOINT_KIND, now.endpointKind());
        labels.put(Labels.CYCLE, move);
        String message = "client " + now.client() + " reached " + now.targetIp() + ":" + now.port() + " of "
                + now.fileSystemId() + " again after " + secs(outage) + " of outage during the " + move
                + " (documented: under " + secs(ClientOutage.DOCUMENTED)
                + (outage.compareTo(ClientOutage.DOCUMENTED) > 0 ? ", exceeded" : "") + ")";
        return new Event(EventType.CLIENT_OUTAGE, Subjects.fileSystem(scope, now.fileSystemId()), labels, now.since(),
                outage.toMillis(), message, List.of(o));
    }
}

package io.floatwatch.app.check;

import io.floatwatch.analyzer.core.SnapshotJudgement;
import io.floatwatch.analyzer.core.path.ClientPath;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.PathResult;
import io.floatwatch.analyzer.core.path.PathVerdict;
import io.floatwatch.analyzer.core.path.Via;
import io.floatwatch.app.check.ReadinessPolicy.Level;
import io.floatwatch.app.check.ReadinessReport.ClientLine;
import io.floatwatch.app.check.ReadinessReport.FileSystemLine;
import io.floatwatch.app.check.ReadinessReport.Item;
import io.floatwatch.app.check.ReadinessReport.MountAdvice;
import io.floatwatch.model.Labels;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.PollCompleted;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns one judged snapshot into the report: pure, so every rendering and the exit code are tested without AWS. */
public final class Readiness {

    /** The check name of a path item. */
    static final String PATH = "ClientPath";

    private Readiness() {
    }

    /**
     * @param snapshot every observation and poll marker the check's one poll produced
     * @param judged   the analyzer's rules over that snapshot
     * @param roleArns the configured role per account id
     */
    public static ReadinessReport report(List<Scope> scopes, List<DeclaredClient> declared, List<Observation> snapshot,
            SnapshotJudgement.Result judged, Map<String, String> roleArns, List<AwsCallCount> calls) {
        List<Item> items = new ArrayList<>();
        for (Finding f : judged.findings()) {
            if (ReadinessPolicy.PER_PATH.contains(f.type())) {
                continue;
            }
            Level level = ReadinessPolicy.levelOf(f.type());
            items.add(new Item(level, f.type().alertName(), f.labels().get(Labels.ACCOUNT), f.labels().get(Labels.REGION),
                    f.labels().get(Labels.FS_ID), f.labels().get(Labels.CLIENT), null, endpoint(f), null, f.summary(),
                    List.of(), f.runbook() != null ? f.runbook() : f.type().runbook()));
        }
        for (ClientPath p : judged.paths()) {
            items.add(pathItem(p));
        }
        items.sort(Comparator.comparing(Item::level).thenComparing(i -> String.valueOf(i.fileSystemId()))
                .thenComparing(i -> String.valueOf(i.client())).thenComparing(Item::check)
                .thenComparing(i -> String.valueOf(i.endpoint())));
        List<PollCompleted> markers = snapshot.stream().filter(PollCompleted.class::isInstance).map(PollCompleted.class::cast).toList();
        List<ReadError> readErrors = ReadError.of(markers, roleArns);
        int exit = ReadinessPolicy.exitCode(!readErrors.isEmpty(), items.stream().map(Item::level).toList());
        String verdict = exit == ReadinessPolicy.READY ? "ready" : exit == ReadinessPolicy.NOT_READY ? "not ready" : "cannot tell";
        return new ReadinessReport(exit, verdict, scopes.stream().map(Scope::id).toList(), fileSystems(snapshot, items),
                clients(declared, items), items,
                readErrors, advice(judged.paths()), markers.stream().map(m -> new ReadinessReport.SourcePoll(m.scope().id(),
                        m.source(), m.outcome(), m.resourceCount())).toList(), calls, CallCost.total(calls));
    }

    private static String endpoint(Finding f) {
        String ip = f.labels().get(Labels.ENDPOINT_IP);
        return ip != null ? ip : f.labels().get(Labels.FLOATING_IP);
    }

    private static Item pathItem(ClientPath p) {
        PathResult r = p.result();
        Level level = switch (r.verdict()) {
            case REACHABLE, REACHABLE_VIA_LATTICE -> Level.OK;
            case UNVERIFIED, UNKNOWN -> Level.UNVERIFIED;
            default -> Level.PROBLEM;
        };
        String fix = switch (r.verdict()) {
            case REACHABLE, REACHABLE_VIA_LATTICE -> null;
            case UNREACHABLE -> (r.missingRoute() != null ? "at " + r.failedHop() + ": " + r.missingRoute() + ". " : "")
                    + FindingType.CLIENT_PATH_UNREACHABLE.runbook();
            case UNSUPPORTED -> FindingType.CLIENT_PATH_UNSUPPORTED.runbook();
            default -> (r.unverified().isEmpty() ? "" : "not seen: " + String.join("; ", r.unverified()) + ". ")
                    + FindingType.CLIENT_PATH_UNVERIFIED.runbook();
        };
        return new Item(level, PATH, p.scope().account(), p.scope().region(), p.fileSystemId(), p.client(),
                p.via().label(), p.endpointIp() + " (" + p.endpointKinds() + (p.floating() ? ", floating" : ", ENI address") + ")",
                r.verdict() == PathVerdict.UNKNOWN ? PathVerdict.UNVERIFIED.label() : r.verdict().label(), r.explanation(),
                r.hops(), fix);
    }

    private static List<ClientLine> clients(List<DeclaredClient> declared, List<Item> items) {
        List<ClientLine> out = new ArrayList<>();
        for (DeclaredClient c : declared) {
            List<Item> own = items.stream().filter(i -> c.name().equals(i.client())).toList();
            List<Item> paths = own.stream().filter(i -> PATH.equals(i.check())).toList();
            Level worst = own.stream().map(Item::level).min(Comparator.naturalOrder()).orElse(Level.WARNING);
            out.add(new ClientLine(c.name(), c.via().label(), paths.isEmpty() && worst == Level.OK ? Level.WARNING : worst,
                    paths.size(), (int) paths.stream().filter(i -> i.level() == Level.OK).count()));
        }
        return out;
    }

    private static List<FileSystemLine> fileSystems(List<Observation> snapshot, List<Item> items) {
        Map<String, FileSystemLine> out = new LinkedHashMap<>();
        for (Observation o : snapshot) {
            if (o instanceof FileSystemObservation fs && fs.multiAz()) {
                Level worst = items.stream().filter(i -> fs.fileSystemId().equals(i.fileSystemId())).map(Item::level)
                        .min(Comparator.naturalOrder()).orElse(Level.OK);
                out.put(fs.fileSystemId(), new FileSystemLine(fs.scope().account(), fs.scope().region(), fs.fileSystemId(),
                        fs.fileSystemType(), fs.vpcId(), fs.endpointIpAddressRange(), fs.routeTableIds(), worst));
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * docs/domain.md 1: the file system's DNS name does not resolve from another VPC, so those clients mount the IPs. Not
     * for a path that cannot work anyway (unsupported), nor one that addresses something else: a Lattice client
     * mounts its resource endpoint, an NLB client the load balancer.
     */
    private static List<MountAdvice> advice(List<ClientPath> paths) {
        Map<String, List<ClientPath>> byPair = new LinkedHashMap<>();
        for (ClientPath p : paths) {
            if (p.outsideVpc() && p.via() != Via.LATTICE && p.via() != Via.NLB
                    && p.result().verdict() != PathVerdict.UNSUPPORTED) {
                byPair.computeIfAbsent(p.client() + " " + p.fileSystemId(), k -> new ArrayList<>()).add(p);
            }
        }
        List<MountAdvice> out = new ArrayList<>();
        byPair.values().forEach(ps -> {
            ClientPath first = ps.get(0);
            List<String> ips = new ArrayList<>(new TreeSet<>(ps.stream().map(ClientPath::endpointIp).toList()));
            out.add(new MountAdvice(first.client(), first.via().label(), first.fileSystemId(), first.fileSystemVpcId(), ips,
                    "client " + first.client() + " reaches " + first.fileSystemId() + " from outside " + first.fileSystemVpcId()
                            + " (via " + first.via().label() + "), where the file system's DNS name does not resolve (NXDOMAIN):"
                            + " mount " + String.join(" / ", ips) + ", not the DNS name"));
        });
        return out;
    }
}

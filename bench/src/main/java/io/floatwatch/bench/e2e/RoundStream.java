package io.floatwatch.bench.e2e;

import io.floatwatch.bench.region.SyntheticRegion;
import io.floatwatch.bench.region.Workload;
import io.floatwatch.collector.cloudwatch.TunnelStateSource;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.ec2.VpcPeeringSource;
import io.floatwatch.collector.fsx.StorageVirtualMachineSource;
import io.floatwatch.collector.tgw.TransitGatewayAttachmentSource;
import io.floatwatch.collector.tgw.TransitGatewayRouteTableSource;
import io.floatwatch.collector.tgw.TransitGatewaySource;
import io.floatwatch.collector.vpn.VpnGatewaySource;
import io.floatwatch.collector.ec2.SubnetSource;
import io.floatwatch.collector.ec2.VpcSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.collector.vpn.VpnConnectionSource;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.TunnelStateObservation;
import io.floatwatch.model.observation.VpcObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The synthetic region as a collector publishes it, round after round, 30 s of event time apart:
 * one poll per source (file systems with their ENIs, VPCs, subnets, route tables, VPN connections,
 * tunnel states), 56,000 resources a round, as {@link Workload} feeds the core. In every odd round
 * one file system in {@link Workload#FAILOVER_EVERY} has its managed tables on the standby ENI, so
 * the stream carries failovers, convergences and failbacks.
 *
 * <p>The sentinel closes the stream: after the last round, file system {@link #SENTINEL_FS} (never
 * in the failover pattern) moves all its managed tables to the standby ENI. The analyzer converges
 * that failover on the very last record, so its FAILOVER_CONVERGED event on the events topic means
 * everything before it was processed and committed.
 *
 * <p>Two kinds of stream: {@link Kind#REGION} is the core benchmark's workload (failovers every
 * other round; VPN telemetry and CloudWatch datapoint times rebuilt with each round's time, as
 * {@link SyntheticRegion} builds them, so 3,000 observations a round change); {@link Kind#UNCHANGED}
 * republishes the same content every round with only observedAt moving, what a restarted collector
 * or a full inventory sends, so the core's shortcut for unchanged observations applies to all of it
 * and what is measured is the pipeline around the rules. Resources are built once and restamped per round.
 */
final class RoundStream {

    static final Duration ROUND = Duration.ofSeconds(30);
    /** Index of the file system whose failover ends the stream; 1 is never in the failover pattern. */
    static final int SENTINEL_FS = 1;

    /** What the rounds carry. */
    enum Kind {
        REGION, UNCHANGED
    }

    /** One poll of one source: what a collector hands to ObservationPublisher.publishPoll. */
    record Poll(String source, List<Observation> observations) {
    }

    private final Kind kind;
    private final RouteTableObservation[][] home;
    private final RouteTableObservation[][] standby;
    private final List<VpnConnectionObservation> vpnTemplates = new ArrayList<>();
    private final List<TunnelStateObservation> tunnelTemplates = new ArrayList<>();
    private final List<Observation> fileSystemTemplates = new ArrayList<>();
    private final List<Observation> vpcTemplates = new ArrayList<>();
    private final List<Observation> subnetTemplates = new ArrayList<>();

    RoundStream(Kind kind) {
        this.kind = kind;
        Instant at = Workload.START;
        for (int fs = 0; fs < SyntheticRegion.FILE_SYSTEMS; fs++) {
            fileSystemTemplates.add(SyntheticRegion.fileSystem(fs, at));
            fileSystemTemplates.add(SyntheticRegion.networkInterface(fs, 0, at));
            fileSystemTemplates.add(SyntheticRegion.networkInterface(fs, 1, at));
            vpcTemplates.add(new VpcObservation(SyntheticRegion.SCOPE, at, SyntheticRegion.vpcId(fs), SyntheticRegion.SCOPE.account(),
                    List.of(SyntheticRegion.vpcCidr(fs))));
            for (int az = 0; az < 2; az++) {
                subnetTemplates.add(new SubnetObservation(SyntheticRegion.SCOPE, at, SyntheticRegion.subnetId(fs, az),
                        SyntheticRegion.vpcId(fs), SyntheticRegion.subnetCidr(fs, az), az == 0 ? "ap-northeast-1a" : "ap-northeast-1c",
                        200));
            }
        }
        for (int vpn = 0; vpn < SyntheticRegion.VPN_CONNECTIONS; vpn++) {
            vpnTemplates.add(SyntheticRegion.vpnConnection(vpn, Workload.START));
            tunnelTemplates.add(SyntheticRegion.tunnelState(vpn, 0, Workload.START));
            tunnelTemplates.add(SyntheticRegion.tunnelState(vpn, 1, Workload.START));
        }
        home = new RouteTableObservation[SyntheticRegion.FILE_SYSTEMS][SyntheticRegion.TABLES_PER_VPC];
        standby = new RouteTableObservation[SyntheticRegion.FILE_SYSTEMS][SyntheticRegion.MANAGED_TABLES_PER_FILE_SYSTEM];
        for (int fs = 0; fs < SyntheticRegion.FILE_SYSTEMS; fs++) {
            for (int t = 0; t < SyntheticRegion.TABLES_PER_VPC; t++) {
                home[fs][t] = SyntheticRegion.routeTable(fs, t, false, Workload.START);
            }
            for (int t = 0; t < SyntheticRegion.MANAGED_TABLES_PER_FILE_SYSTEM; t++) {
                standby[fs][t] = SyntheticRegion.routeTable(fs, t, true, Workload.START);
            }
        }
    }

    /** Resources per round (poll markers not counted): per file system its VPC, 2 subnets, 2 ENIs, itself and 100 tables. */
    static int perRound() {
        return SyntheticRegion.FILE_SYSTEMS * (3 + 3 + SyntheticRegion.TABLES_PER_VPC) + SyntheticRegion.VPN_CONNECTIONS
                + SyntheticRegion.TUNNELS;
    }

    static Instant at(int round) {
        return Workload.START.plus(ROUND.multipliedBy(round));
    }

    /** Round {@code round}, cut after {@code limit} resources (the polls in their collector order). */
    List<Poll> round(int round, int limit) {
        Instant at = at(round);
        boolean failedOver = kind == Kind.REGION && round % 2 == 1;
        List<Observation> fileSystems = new ArrayList<>(SyntheticRegion.FILE_SYSTEMS * 3);
        List<Observation> vpcs = new ArrayList<>(SyntheticRegion.FILE_SYSTEMS);
        List<Observation> subnets = new ArrayList<>(SyntheticRegion.FILE_SYSTEMS * 2);
        List<Observation> tables = new ArrayList<>(SyntheticRegion.ROUTE_TABLES);
        fileSystemTemplates.forEach(o -> fileSystems.add(Restamp.at(o, at)));
        vpcTemplates.forEach(o -> vpcs.add(Restamp.at(o, at)));
        subnetTemplates.forEach(o -> subnets.add(Restamp.at(o, at)));
        for (int fs = 0; fs < SyntheticRegion.FILE_SYSTEMS; fs++) {
            boolean onStandby = failedOver && fs % Workload.FAILOVER_EVERY == 0;
            for (int t = 0; t < SyntheticRegion.TABLES_PER_VPC; t++) {
                RouteTableObservation template = onStandby && t < SyntheticRegion.MANAGED_TABLES_PER_FILE_SYSTEM
                        ? standby[fs][t] : home[fs][t];
                tables.add(restamp(template, at));
            }
        }
        List<Observation> vpns = new ArrayList<>(SyntheticRegion.VPN_CONNECTIONS);
        List<Observation> tunnels = new ArrayList<>(SyntheticRegion.TUNNELS);
        for (int vpn = 0; vpn < SyntheticRegion.VPN_CONNECTIONS; vpn++) {
            if (kind == Kind.REGION) {
                vpns.add(SyntheticRegion.vpnConnection(vpn, at));
                tunnels.add(SyntheticRegion.tunnelState(vpn, 0, at));
                tunnels.add(SyntheticRegion.tunnelState(vpn, 1, at));
            } else {
                vpns.add(Restamp.at(vpnTemplates.get(vpn), at));
                tunnels.add(Restamp.at(tunnelTemplates.get(2 * vpn), at));
                tunnels.add(Restamp.at(tunnelTemplates.get(2 * vpn + 1), at));
            }
        }
        // The sources this synthetic region has nothing of still complete their polls (markers only), as a collector's
        // do: the analyzer's start gate holds lint and path verdicts until every source they need has polled once.
        List<Poll> polls = new ArrayList<>();
        polls.add(new Poll(FileSystemSource.NAME, fileSystems));
        polls.add(new Poll(VpcSource.NAME, vpcs));
        polls.add(new Poll(SubnetSource.NAME, subnets));
        for (String empty : List.of(RouteTableInventorySource.NAME, VpcPeeringSource.NAME, TransitGatewaySource.NAME,
                TransitGatewayAttachmentSource.NAME, TransitGatewayRouteTableSource.NAME, VpnGatewaySource.NAME,
                StorageVirtualMachineSource.NAME)) {
            polls.add(new Poll(empty, List.of()));
        }
        polls.add(new Poll(RouteTableSource.NAME, tables));
        polls.add(new Poll(VpnConnectionSource.NAME, vpns));
        polls.add(new Poll(TunnelStateSource.NAME, tunnels));
        List<Poll> cut = new ArrayList<>();
        int left = limit;
        for (Poll poll : polls) {
            if (left <= 0) {
                break;
            }
            cut.add(poll.observations().size() <= left ? poll : new Poll(poll.source(), poll.observations().subList(0, left)));
            left -= poll.observations().size();
        }
        return cut;
    }

    /** The sentinel: every managed table of {@link #SENTINEL_FS} on its standby ENI, at {@code at}. */
    List<Observation> sentinel(Instant at) {
        List<Observation> out = new ArrayList<>();
        for (RouteTableObservation t : standby[SENTINEL_FS]) {
            out.add(restamp(t, at));
        }
        return out;
    }

    static String sentinelSubject() {
        return SyntheticRegion.SCOPE.id() + "/" + SyntheticRegion.fileSystemId(SENTINEL_FS);
    }

    private static RouteTableObservation restamp(RouteTableObservation t, Instant at) {
        return new RouteTableObservation(t.scope(), at, t.routeTableId(), t.vpcId(), t.main(), t.associatedSubnetIds(),
                t.routes(), t.tags());
    }

    /** The same observation seen at another time: every component but observedAt shared with the template. */
    static final class Restamp {
        private static final Map<Class<?>, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();

        private Restamp() {
        }

        @SuppressWarnings("unchecked")
        static <T extends Observation> T at(T template, Instant at) {
            RecordComponent[] components = template.getClass().getRecordComponents();
            Object[] args = new Object[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    args[i] = components[i].getName().equals("observedAt") ? at : components[i].getAccessor().invoke(template);
                }
                return (T) CONSTRUCTORS.computeIfAbsent(template.getClass(), Restamp::canonical).newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot restamp a " + template.getClass().getSimpleName(), e);
            }
        }

        private static Constructor<?> canonical(Class<?> type) {
            try {
                return type.getDeclaredConstructor(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                        .toArray(Class<?>[]::new));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

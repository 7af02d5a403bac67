package io.floatwatch.testkit.scenario;

import io.floatwatch.testkit.aws.SimAdministrativeAction;
import io.floatwatch.testkit.aws.SimFileSystem;
import io.floatwatch.testkit.aws.SimNetworkInterface;
import io.floatwatch.testkit.aws.SimRoute;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.aws.SimSubnet;
import io.floatwatch.testkit.aws.SimulatedRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The OpenZFS failover observed in a real account (docs/domain.md section 1): a throughput change
 * 160 -> 320 MB/s moves the floating IP's routes in both managed tables to the standby ENI about
 * ten minutes after the update starts; they fail back tens of minutes later.
 *
 * <p>The timeline is data: {@link #steps()} lists what changes when, and a runner plays it on
 * whatever clock it likes. Nothing here sleeps.
 *
 * <p>Besides the two FSx-managed tables, the VPC's main table exists without the floating
 * route: a table not listed in RouteTableIds is not managed by FSx, as in a real VPC.
 */
public final class OpenZfsFailoverScenario {

    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "ap-northeast-1";
    public static final String VPC_ID = "vpc-0f1e2d3c4b5a69780";
    public static final String VPC_CIDR = "10.0.0.0/16";
    public static final String PREFERRED_AZ = "ap-northeast-1a";
    public static final String STANDBY_AZ = "ap-northeast-1c";
    public static final String PREFERRED_SUBNET_ID = "subnet-0a1a1a1a1a1a1a1a1";
    public static final String STANDBY_SUBNET_ID = "subnet-0c1c1c1c1c1c1c1c1";
    public static final String PREFERRED_ENI_ID = "eni-0a2b3c4d5e6f7a8b1";
    public static final String STANDBY_ENI_ID = "eni-0c2b3c4d5e6f7a8b2";
    public static final String ROUTE_TABLE_A_ID = "rtb-0a3b4c5d6e7f8a9b1";
    public static final String ROUTE_TABLE_B_ID = "rtb-0b3b4c5d6e7f8a9b2";
    public static final String MAIN_ROUTE_TABLE_ID = "rtb-0f3b4c5d6e7f8a9b0";
    public static final String FILE_SYSTEM_ID = "fs-0123456789abcdef0";
    public static final String ENDPOINT_IP_ADDRESS_RANGE = "10.0.255.224/28";
    public static final String FLOATING_IP = "10.0.255.231";
    public static final String FLOATING_ROUTE = FLOATING_IP + "/32";
    public static final int THROUGHPUT_BEFORE = 160;
    public static final int THROUGHPUT_AFTER = 320;

    /** When the throughput update is requested; the failover follows about 10 minutes later. */
    public static final Duration UPDATE_REQUESTED = Duration.ofMinutes(2);
    public static final Duration FIRST_TABLE_FAILS_OVER = Duration.ofMinutes(11);
    public static final Duration SECOND_TABLE_FAILS_OVER = Duration.ofMinutes(12);
    public static final Duration UPDATE_COMPLETED = Duration.ofMinutes(20);
    public static final Duration FIRST_TABLE_FAILS_BACK = Duration.ofMinutes(45);
    public static final Duration SECOND_TABLE_FAILS_BACK = Duration.ofMinutes(45).plusSeconds(30);

    private OpenZfsFailoverScenario() {
    }

    public static List<String> routeTableIds() {
        return List.of(ROUTE_TABLE_A_ID, ROUTE_TABLE_B_ID);
    }

    /** The steps in time order; the first one (T+0) installs the baseline. */
    public static List<ScenarioStep> steps() {
        return List.of(
                new ScenarioStep(Duration.ZERO, "baseline: " + FILE_SYSTEM_ID + " (OpenZFS MULTI_AZ_1, " + THROUGHPUT_BEFORE
                        + " MB/s), " + FLOATING_IP + " -> preferred " + PREFERRED_ENI_ID + " in both managed tables",
                        (region, at) -> installBaseline(region)),
                new ScenarioStep(UPDATE_REQUESTED, "throughput update " + THROUGHPUT_BEFORE + " -> " + THROUGHPUT_AFTER
                        + " MB/s requested (FILE_SYSTEM_UPDATE IN_PROGRESS)",
                        (region, at) -> region.updateFileSystem(FILE_SYSTEM_ID, fs -> fs.withAdministrativeActions(List.of(
                                SimAdministrativeAction.throughputUpdate(THROUGHPUT_AFTER, "IN_PROGRESS", at))))),
                new ScenarioStep(FIRST_TABLE_FAILS_OVER, ROUTE_TABLE_A_ID + ": " + FLOATING_ROUTE + " -> standby " + STANDBY_ENI_ID,
                        (region, at) -> region.setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, STANDBY_ENI_ID)),
                new ScenarioStep(SECOND_TABLE_FAILS_OVER, ROUTE_TABLE_B_ID + ": " + FLOATING_ROUTE + " -> standby " + STANDBY_ENI_ID,
                        (region, at) -> region.setRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE, STANDBY_ENI_ID)),
                new ScenarioStep(UPDATE_COMPLETED, "throughput update COMPLETED, now " + THROUGHPUT_AFTER + " MB/s",
                        (region, at) -> region.updateFileSystem(FILE_SYSTEM_ID, fs -> fs.withThroughputCapacity(THROUGHPUT_AFTER)
                                .withAdministrativeActions(fs.administrativeActions().stream()
                                        .map(a -> a.withStatus("COMPLETED")).toList()))),
                new ScenarioStep(FIRST_TABLE_FAILS_BACK, ROUTE_TABLE_A_ID + ": " + FLOATING_ROUTE + " -> preferred " + PREFERRED_ENI_ID,
                        (region, at) -> region.setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, PREFERRED_ENI_ID)),
                new ScenarioStep(SECOND_TABLE_FAILS_BACK, ROUTE_TABLE_B_ID + ": " + FLOATING_ROUTE + " -> preferred " + PREFERRED_ENI_ID,
                        (region, at) -> region.setRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE, PREFERRED_ENI_ID)));
    }

    /** Plays every step with an offset up to {@code until}, in order; for tests that want a state at a point in time. */
    public static void playUntil(SimulatedRegion region, Instant start, Duration until) {
        for (ScenarioStep step : steps()) {
            if (step.offset().compareTo(until) <= 0) {
                step.apply(region, start);
            }
        }
    }

    /** Replaces the region's state with the T+0 baseline. */
    public static void installBaseline(SimulatedRegion region) {
        region.clear();
        region.putVpc(VPC_ID, VPC_CIDR);
        region.putSubnet(new SimSubnet(PREFERRED_SUBNET_ID, VPC_ID, "10.0.1.0/24", PREFERRED_AZ));
        region.putSubnet(new SimSubnet(STANDBY_SUBNET_ID, VPC_ID, "10.0.2.0/24", STANDBY_AZ));
        String description = "ENI for FSx " + FILE_SYSTEM_ID;
        region.putNetworkInterface(new SimNetworkInterface(PREFERRED_ENI_ID, PREFERRED_SUBNET_ID, VPC_ID, PREFERRED_AZ,
                "interface", description, List.of("10.0.1.158")));
        region.putNetworkInterface(new SimNetworkInterface(STANDBY_ENI_ID, STANDBY_SUBNET_ID, VPC_ID, STANDBY_AZ,
                "interface", description, List.of("10.0.2.31")));
        List<SimRoute> managed = List.of(SimRoute.local(VPC_CIDR), SimRoute.to(FLOATING_ROUTE, PREFERRED_ENI_ID));
        region.putRouteTable(SimRouteTable.of(ROUTE_TABLE_A_ID, VPC_ID, List.of(PREFERRED_SUBNET_ID), managed)
                .withTags(Map.of("Name", "fsx-client-1a")));
        region.putRouteTable(SimRouteTable.of(ROUTE_TABLE_B_ID, VPC_ID, List.of(STANDBY_SUBNET_ID), managed)
                .withTags(Map.of("Name", "fsx-client-1c")));
        region.putRouteTable(SimRouteTable.of(MAIN_ROUTE_TABLE_ID, VPC_ID, List.of(), List.of(SimRoute.local(VPC_CIDR)))
                .withMain(true));
        region.putFileSystem(SimFileSystem.openZfsMultiAz(FILE_SYSTEM_ID, VPC_ID, List.of(PREFERRED_SUBNET_ID, STANDBY_SUBNET_ID),
                List.of(PREFERRED_ENI_ID, STANDBY_ENI_ID), ENDPOINT_IP_ADDRESS_RANGE, FLOATING_IP, routeTableIds(), THROUGHPUT_BEFORE));
    }
}

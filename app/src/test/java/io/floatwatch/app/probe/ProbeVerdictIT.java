package io.floatwatch.app.probe;

import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.path.EndpointKind;
import io.floatwatch.analyzer.core.path.Via;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ACCOUNT;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FILE_SYSTEM_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_IP;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_ROUTE;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_SUBNET_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_B_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.STANDBY_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_CIDR;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.VPC_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.alerter.notify.EventNotification;
import io.floatwatch.alerter.notify.FindingNotification;
import io.floatwatch.alerter.notify.Notification;
import io.floatwatch.alerter.runtime.AlerterOptions;
import io.floatwatch.analyzer.runtime.AnalyzerOptions;
import io.floatwatch.app.Metrics;
import io.floatwatch.app.config.ProbeConfig;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.kafka.TopicProvisioner;
import io.floatwatch.app.role.Pipeline;
import io.floatwatch.app.role.Role;
import io.floatwatch.collector.CollectorOptions;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.fsx.FileSystemSource;
import io.floatwatch.model.finding.ClientOutage;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimRoute;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.aws.SimSubnet;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The probe through the real pipeline: a broker, the simulated AWS account, collector, analyzer and alerter, and two
 * probe roles (one per client) whose declared endpoint (the floating IP's NFS ports) is mapped to loopback listeners
 * that accept, refuse, go away and come back. No probe packet leaves 127.0.0.0/8: the redirect refuses anything else
 * and the probe contacts nothing the redirect does not map.
 */
class ProbeVerdictIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String STRAY_SUBNET = "subnet-0d1d1d1d1d1d1d1d1";
    private static final String STRAY_TABLE = "rtb-0d3b4c5d6e7f8a9b3";

    private final List<Notification> notifications = new CopyOnWriteArrayList<>();

    @Test
    void shouldConfirmContradictAndMeasureWhatClientsFeelWhenListenersComeAndGoAroundAFailover() throws Exception {
        List<AutoCloseable> closing = new ArrayList<>();
        try (KafkaBroker broker = KafkaBrokers.start(); AwsSimulator aws = AwsSimulator.start();
                LoopbackListeners listeners = new LoopbackListeners()) {
            OpenZfsFailoverScenario.installBaseline(aws.region(REGION));
            // A subnet whose table FSx does not manage: no route to the floating IP, so "stray" is unreachable.
            aws.region(REGION).putSubnet(new SimSubnet(STRAY_SUBNET, VPC_ID, "10.0.3.0/24", "ap-northeast-1a"));
            aws.region(REGION).putRouteTable(SimRouteTable.of(STRAY_TABLE, VPC_ID, List.of(STRAY_SUBNET),
                    List.of(SimRoute.local(VPC_CIDR))));
            TopicProvisioner.ensure(broker.bootstrapServers(), Map.of(), 3, (short) 1);
            RuntimeConfig config = config(broker.bootstrapServers(), aws, Files.createTempDirectory("floatwatch-probe-it-"));
            PrometheusMeterRegistry alerterRegistry = Metrics.newRegistry();
            closing.add(Pipeline.start(config, Role.all(), Clock.systemUTC(), alerterRegistry, notifications::add,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPROBE0FLOATWATCH", "probe-secret"))));

            InetSocketAddress appNfs = listeners.accepting("127.0.0.21");
            InetSocketAddress appPortmap = listeners.accepting("127.0.0.21");
            InetSocketAddress strayNfs = listeners.accepting("127.0.0.22");
            InetSocketAddress strayPortmap = listeners.accepting("127.0.0.22");
            closing.add(probe(config, "app", appNfs, appPortmap));
            closing.add(probe(config, "stray", strayNfs, strayPortmap));

            await(() -> alerterRegistry.scrape().contains("role=\"preferred\"} 1.0"), "the baseline to be seen");

            // 1. The control plane says unreachable, the probe connects: floatwatch's model is wrong somewhere.
            Finding disagrees = awaitFinding(FindingNotification.Kind.FIRING, FindingType.PROBE_MODEL_DISAGREES, "stray",
                    f -> true);
            assertThat(disagrees.evidence().get("believed_hops")).contains("stray");
            assertThat(disagrees.evidence().get("believed_failed_hop")).contains(STRAY_TABLE);

            // 2. The listener goes away: the unreachable verdict is confirmed in its own finding, and nothing else pages.
            listeners.close(strayNfs);
            listeners.close(strayPortmap);
            Finding confirmed = awaitFinding(null, FindingType.CLIENT_PATH_UNREACHABLE, "stray",
                    f -> f.summary().contains("confirmed by the probe from stray"));
            assertThat(confirmed.evidence().get("probe")).contains("TCP 2049 refused");
            awaitFinding(FindingNotification.Kind.RESOLVED, FindingType.PROBE_MODEL_DISAGREES, "stray", f -> true);

            // 3. The routes are right but the listener refuses: the layers routes do not show.
            listeners.close(appNfs);
            Finding blocked = awaitFinding(FindingNotification.Kind.FIRING, FindingType.PROBE_BLOCKED_PATH_OK, "app",
                    f -> true);
            assertThat(blocked.evidence().get("likely_layers")).contains("does not listen");
            assertThat(blocked.evidence().get("probe")).contains("TCP 2049 refused");
            assertThat(blocked.labels()).containsEntry("endpoint_ip", FLOATING_IP);
            listeners.acceptingAgain(appNfs);
            awaitFinding(FindingNotification.Kind.RESOLVED, FindingType.PROBE_BLOCKED_PATH_OK, "app", f -> true);
            long blockedPages = count(FindingNotification.Kind.FIRING, FindingType.PROBE_BLOCKED_PATH_OK);

            // 4. A failover while the server is gone: both NFS ports fail, FSx moves the routes, the server comes back.
            listeners.close(appNfs);
            listeners.close(appPortmap);
            long closedAt = System.nanoTime();
            Thread.sleep(1500);
            aws.region(REGION).setRoute(ROUTE_TABLE_A_ID, FLOATING_ROUTE, STANDBY_ENI_ID);
            aws.region(REGION).setRoute(ROUTE_TABLE_B_ID, FLOATING_ROUTE, STANDBY_ENI_ID);
            Event converged = awaitEvent(EventType.FAILOVER_CONVERGED, e -> true);
            Thread.sleep(2000);
            listeners.acceptingAgain(appNfs);
            listeners.acceptingAgain(appPortmap);
            long outageMillis = (System.nanoTime() - closedAt) / 1_000_000;

            assertThat(converged.clientOutages()).filteredOn(o -> o.client().equals("app"))
                    .as("still cut off when the routes converged").hasSize(2).allMatch(ClientOutage::ongoing);
            assertThat(converged.message()).contains("still cut off", "documented: under 60 s");
            List<Event> outages = List.of(awaitEvent(EventType.CLIENT_OUTAGE, e -> e.message().contains(":2049 ")),
                    awaitEvent(EventType.CLIENT_OUTAGE, e -> e.message().contains(":111 ")));
            for (Event e : outages) {
                // The probe polls every second: first failed probe to first success is within a round of the truth.
                assertThat(e.durationMillis()).as(e.message()).isBetween(outageMillis - 2_500, outageMillis + 1_500);
                assertThat(e.labels()).containsEntry("client", "app").containsEntry("cycle", "failover");
                assertThat(e.message()).contains("documented: under 60 s");
            }
            await(() -> alerterRegistry.scrape().lines().anyMatch(l -> l.startsWith("floatwatch_failover_client_outage_seconds_count{")
                    && l.contains("client=\"app\"") && l.contains("cycle=\"failover\"")
                    && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) == 2.0),
                    "the outage histogram to count both ports");
            assertThat(count(FindingNotification.Kind.FIRING, FindingType.PROBE_BLOCKED_PATH_OK))
                    .as("a failover's outage is measured, not paged").isEqualTo(blockedPages);
        } finally {
            java.util.Collections.reverse(closing);
            for (AutoCloseable c : closing) {
                c.close();
            }
        }
    }

    /** A probe role for one client, its declared endpoint mapped to loopback listeners. */
    private AutoCloseable probe(RuntimeConfig config, String client, InetSocketAddress nfs, InetSocketAddress portmap) {
        TargetRedirect redirect = TargetRedirect.loopbackOnly(Map.of(
                FLOATING_IP + ":2049", "127.0.0." + nfs.getAddress().getAddress()[3] + ":" + nfs.getPort(),
                FLOATING_IP + ":111", "127.0.0." + portmap.getAddress().getAddress()[3] + ":" + portmap.getPort()));
        RuntimeConfig probeConfig = config.withProbe(new ProbeConfig.Options(client, Duration.ofSeconds(1),
                Duration.ofMillis(300), Duration.ofSeconds(2), List.of()));
        return Pipeline.start(probeConfig, EnumSet.of(Role.PROBE), Clock.systemUTC(), Metrics.newRegistry(), n -> { },
                null, redirect);
    }

    private static RuntimeConfig config(String bootstrap, AwsSimulator aws, Path dir) {
        CollectorOptions collector = CollectorOptions.defaults().withInterval(RouteTableSource.NAME, Duration.ofMillis(500))
                .withInterval(FileSystemSource.NAME, Duration.ofSeconds(1)).withDeclaredRouteTableIds(List.of(STRAY_TABLE))
                .withEc2Budget(50, 50);
        AnalyzerOptions analyzer = new AnalyzerOptions("floatwatch-probe-it", dir.resolve("state"),
                Duration.ofMinutes(15)).withProbeGrace(Duration.ofSeconds(5));
        List<DeclaredClient> clients = List.of(
                new DeclaredClient("app", ACCOUNT, REGION, "10.0.1.0/24", Via.SAME_VPC, PREFERRED_SUBNET_ID, VPC_ID,
                        null, java.util.Set.of(FILE_SYSTEM_ID), java.util.Set.of(EndpointKind.NFS)),
                new DeclaredClient("stray", ACCOUNT, REGION, "10.0.3.0/24", Via.SAME_VPC, STRAY_SUBNET, VPC_ID,
                        null, java.util.Set.of(FILE_SYSTEM_ID), java.util.Set.of(EndpointKind.NFS)));
        return new RuntimeConfig(bootstrap, Map.of(), List.of(new RuntimeConfig.Account(ACCOUNT, null, null, List.of(REGION))),
                Map.of("ec2", Map.of("*", aws.endpoint()), "fsx", Map.of("*", aws.endpoint()),
                        "cloudwatch", Map.of("*", aws.endpoint()), "sts", Map.of("*", aws.endpoint())),
                collector, analyzer, new AlerterOptions("floatwatch-probe-it-alerter"), "127.0.0.1", 0, clients);
    }

    private Finding awaitFinding(FindingNotification.Kind kind, FindingType type, String client, Predicate<Finding> ok)
            throws InterruptedException {
        Finding[] found = new Finding[1];
        await(() -> {
            for (Notification n : notifications) {
                if (n instanceof FindingNotification f && (kind == null || f.kind() == kind) && f.finding().type() == type
                        && client.equals(f.finding().labels().get("client")) && ok.test(f.finding())) {
                    found[0] = f.finding();
                    return true;
                }
            }
            return false;
        }, kind + " " + type + " for " + client);
        return found[0];
    }

    private Event awaitEvent(EventType type, Predicate<Event> ok) throws InterruptedException {
        Event[] found = new Event[1];
        await(() -> {
            for (Notification n : notifications) {
                if (n instanceof EventNotification e && e.event().type() == type && ok.test(e.event())) {
                    found[0] = e.event();
                    return true;
                }
            }
            return false;
        }, "event " + type);
        return found[0];
    }

    private long count(FindingNotification.Kind kind, FindingType type) {
        return notifications.stream().filter(n -> n instanceof FindingNotification f && f.kind() == kind
                && f.finding().type() == type).count();
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what
                        + "; notifications:\n" + String.join("\n", notifications.stream()
                                .map(io.floatwatch.alerter.notify.OneLineFormat::format).toList()));
            }
            Thread.sleep(100);
        }
    }
}

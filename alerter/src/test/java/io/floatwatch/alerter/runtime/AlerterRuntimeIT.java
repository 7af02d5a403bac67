package io.floatwatch.alerter.runtime;

import static io.floatwatch.alerter.metrics.Records.ENI_PREFERRED;
import static io.floatwatch.alerter.metrics.Records.ENI_STANDBY;
import static io.floatwatch.alerter.metrics.Records.FS;
import static io.floatwatch.alerter.metrics.Records.SUBJECT;
import static io.floatwatch.alerter.metrics.Records.T0;
import static io.floatwatch.alerter.metrics.Records.event;
import static io.floatwatch.alerter.metrics.Records.firing;
import static io.floatwatch.alerter.metrics.Records.routeTarget;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.alerter.Scrape;
import io.floatwatch.alerter.notify.LogNotifier;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlerterRuntimeIT {

    private static final String FINDINGS = "it.findings";
    private static final String EVENTS = "it.events";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBrokers.start();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(FINDINGS, 2, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(EVENTS, 2, (short) 1))).all().get();
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() {
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldRebuildMetricsWithoutNotifyingTwiceWhenRestartedWithTheSameGroup() throws Exception {
        AlerterSettings settings = new AlerterSettings(broker.bootstrapServers(), "alerter-it", FINDINGS, EVENTS, Map.of());
        Finding failedOver = firing(FindingType.FSX_FAILED_OVER, T0, "rtb-1 points at the standby ENI");
        Finding stalled = firing(FindingType.FSX_FAILOVER_STALLED, T0.plusSeconds(300), "rtb-2 left behind");

        List<String> firstRun = new CopyOnWriteArrayList<>();
        PrometheusMeterRegistry firstRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (AlerterRuntime runtime = AlerterRuntime.create(settings, firstRegistry, new LogNotifier(firstRun::add))) {
            runtime.start();
            await("first run ready", runtime::isReady);

            send(routeTarget("rtb-1", ENI_PREFERRED, "preferred", T0));
            send(routeTarget("rtb-2", ENI_PREFERRED, "preferred", T0));
            send(event(EventType.FAILOVER_STARTED, T0, null, "rtb-1 moved to the standby ENI"));
            send(routeTarget("rtb-1", ENI_STANDBY, "standby", T0));
            producer.send(new ProducerRecord<>(EVENTS, SUBJECT, "{not json".getBytes(StandardCharsets.UTF_8))).get();
            send(failedOver);
            send(stalled);
            send(routeTarget("rtb-2", ENI_STANDBY, "standby", T0.plusSeconds(598)));
            send(event(EventType.FAILOVER_CONVERGED, T0.plusSeconds(598), 598_000L, "all 2 tables on the standby ENI"));
            send(stalled.resolved(T0.plusSeconds(598), "rtb-2 caught up", null));

            await("5 notifications", () -> firstRun.size() >= 5);
            assertThat(firstRun).extracting(AlerterRuntimeIT::head).containsExactlyInAnyOrder(
                    "EVENT   FailoverStarted", "FIRING  warning FsxFailedOver", "FIRING  critical FsxFailoverStalled",
                    "EVENT   FailoverConverged", "RESOLVED critical FsxFailoverStalled");
            await("metrics of the first run", () -> failoverStateIn(new Scrape(firstRegistry.scrape())));
        }

        List<String> secondRun = new CopyOnWriteArrayList<>();
        PrometheusMeterRegistry secondRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (AlerterRuntime runtime = AlerterRuntime.create(settings, secondRegistry, new LogNotifier(secondRun::add))) {
            runtime.start();
            await("second run ready", runtime::isReady);

            Scrape rebuilt = new Scrape(secondRegistry.scrape());
            assertThat(failoverStateIn(rebuilt)).as("rebuilt metrics:\n%s", rebuilt).isTrue();
            assertThat(rebuilt.value("floatwatch_alerter_records_total", Map.of("topic", EVENTS, "outcome", "undecodable")))
                    .isEqualTo(1.0);
            assertThat(secondRun).as("nothing is notified twice").isEmpty();

            send(event(EventType.FAILBACK_COMPLETED, T0.plusSeconds(3600), 3_002_000L, "all 2 tables back on eni-0aaa"));
            send(failedOver.resolved(T0.plusSeconds(3600), "all tables back on the preferred ENI", null));

            await("2 new notifications", () -> secondRun.size() >= 2);
            Thread.sleep(300);
            assertThat(secondRun).extracting(AlerterRuntimeIT::head).containsExactlyInAnyOrder(
                    "EVENT   FailbackCompleted", "RESOLVED warning FsxFailedOver");
            assertThat(secondRun).anySatisfy(line -> assertThat(line).contains("after 50m2s failed over"));
            await("findings back to 0", () -> new Scrape(secondRegistry.scrape())
                    .value("floatwatch_findings_active", Map.of("type", "fsx_failed_over")) == 0.0);
        }
    }

    /** The state after a converged failover: both tables on the standby ENI, one failover, one finding firing. */
    private static boolean failoverStateIn(Scrape scrape) {
        List<Scrape.Sample> targets = scrape.series("floatwatch_fsx_route_target", Map.of("fs_id", FS));
        return targets.size() == 2
                && targets.stream().allMatch(s -> s.labels().get("eni_id").equals(ENI_STANDBY)
                        && s.labels().get("role").equals("standby"))
                && scrape.series("floatwatch_fsx_active_role", Map.of("fs_id", FS)).stream()
                        .map(s -> s.labels().get("role")).toList().equals(List.of("standby"))
                && scrape.value("floatwatch_fsx_failovers_total", Map.of("fs_id", FS)) == 1.0
                && scrape.value("floatwatch_fsx_last_failover_convergence_seconds", Map.of("fs_id", FS)) == 598.0
                && scrape.value("floatwatch_findings_active", Map.of("type", "fsx_failed_over")) == 1.0
                && scrape.value("floatwatch_findings_active", Map.of("type", "fsx_failover_stalled")) == 0.0;
    }

    /** Status, severity and alert name: the part before the file system. */
    private static String head(String line) {
        return line.substring(0, line.indexOf(" " + FS));
    }

    private static void send(Event event) throws Exception {
        producer.send(new ProducerRecord<>(EVENTS, event.subject(), RecordCodec.events().encode(event))).get();
    }

    private static void send(Finding finding) throws Exception {
        producer.send(new ProducerRecord<>(FINDINGS, finding.id(), RecordCodec.findings().encode(finding))).get();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}

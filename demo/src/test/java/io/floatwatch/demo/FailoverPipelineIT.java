package io.floatwatch.demo;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FILE_SYSTEM_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_IP;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.PREFERRED_ENI_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_A_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.ROUTE_TABLE_B_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.Topics;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingStatus;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.testkit.kafka.KafkaBroker;
import io.floatwatch.testkit.kafka.KafkaBrokers;
import io.floatwatch.testkit.scenario.OpenZfsFailoverScenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: simulated AWS (real SDK clients, real wire protocols) ->
 * collector -> real Kafka -> analyzer -> real Kafka -> alerter -> /metrics and notifications,
 * replaying the OpenZFS failover of docs/domain.md section 1 at 120x.
 */
class FailoverPipelineIT {

    private static final Duration POLL = Duration.ofSeconds(30);
    /** 45 simulated minutes in about 23 s; slow enough that a busy CI machine still polls on time. */
    private static final double SPEED = 120;
    private static final AtomicReference<KafkaBroker> BROKER = new AtomicReference<>();
    private static DemoRun.Result result;
    private static List<Finding> findingsOnTopic;
    private static String printed;

    @BeforeAll
    static void replayTheFailover() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoRun.Options options = new DemoRun.Options(SPEED, POLL, "127.0.0.1", 0,
                new PrintStream(out, true, StandardCharsets.UTF_8), () -> {
                    BROKER.set(KafkaBrokers.start());
                    return BROKER.get();
                });
        // The broker outlives the run so the findings topic can be read afterwards.
        try (DemoRun run = DemoRun.start(withoutClosingBroker(options))) {
            result = run.play(Duration.ofSeconds(90), Duration.ofSeconds(60));
        }
        printed = out.toString(StandardCharsets.UTF_8);
        findingsOnTopic = readAll(BROKER.get().bootstrapServers(), Topics.FINDINGS).stream()
                .map(r -> RecordCodec.findings().decode(r.value())).toList();
    }

    @AfterAll
    static void stopBroker() {
        if (BROKER.get() != null) {
            BROKER.get().close();
        }
    }

    @Test
    void shouldDetectFailoverConvergenceAndFailbackWhenBothTablesFlipAndReturn() {
        assertThat(result.failoverAndFailbackDetected()).as(printed).isTrue();
        Event started = result.event(EventType.FAILOVER_STARTED).orElseThrow();
        assertThat(started.labels()).containsEntry("fs_id", FILE_SYSTEM_ID);

        // Table A flips at T+11:00 and table B at T+12:00; each is seen within about one poll. The
        // bounds allow a late poll on a loaded machine but still tell 1 minute from 0 or 10.
        Duration slack = POLL.multipliedBy(3);
        long convergedMillis = result.event(EventType.FAILOVER_CONVERGED).orElseThrow().durationMillis();
        assertThat(Duration.ofMillis(convergedMillis)).isBetween(Duration.ofMinutes(1).minus(slack), Duration.ofMinutes(1).plus(slack));

        long failedOverMillis = result.event(EventType.FAILBACK_COMPLETED).orElseThrow().durationMillis();
        Duration expected = OpenZfsFailoverScenario.SECOND_TABLE_FAILS_BACK.minus(OpenZfsFailoverScenario.FIRST_TABLE_FAILS_OVER);
        assertThat(Duration.ofMillis(failedOverMillis)).isBetween(expected.minus(slack.multipliedBy(2)), expected.plus(slack.multipliedBy(2)));
    }

    @Test
    void shouldPublishOneFailoverFindingThatFiresThenResolvesWhenFailbackCompletes() {
        List<Finding> failedOver = findingsOnTopic.stream().filter(f -> f.type() == FindingType.FSX_FAILED_OVER).toList();
        assertThat(failedOver).as("one subject: one failover is one finding, not one per table")
                .extracting(Finding::id).containsOnly(failedOver.get(0).id());
        assertThat(failedOver.get(0).status()).isEqualTo(FindingStatus.FIRING);
        Finding last = failedOver.get(failedOver.size() - 1);
        assertThat(last.status()).isEqualTo(FindingStatus.RESOLVED);
        assertThat(last.endedAt()).isAfter(last.startedAt());
        assertThat(last.labels()).containsEntry("fs_id", FILE_SYSTEM_ID);
        assertThat(findingsOnTopic).as("a 1-minute convergence is not a stall (deadline 15 min)")
                .noneMatch(f -> f.type() == FindingType.FSX_FAILOVER_STALLED);
    }

    @Test
    void shouldExposeRouteTargetsRoleAndCountsOnMetricsWhenTheFailoverIsOver() {
        String metrics = result.metrics();
        for (String table : List.of(ROUTE_TABLE_A_ID, ROUTE_TABLE_B_ID)) {
            assertThat(sample(metrics, "floatwatch_fsx_route_target", Map.of("route_table_id", table,
                    "floating_ip", FLOATING_IP, "eni_id", PREFERRED_ENI_ID, "role", "preferred"))).isEqualTo(1.0);
        }
        assertThat(metrics).doesNotContain("role=\"standby\",route_table_id").as("the standby series are removed after failback");
        assertThat(sample(metrics, "floatwatch_fsx_active_role", Map.of("fs_id", FILE_SYSTEM_ID, "role", "preferred"))).isEqualTo(1.0);
        assertThat(sample(metrics, "floatwatch_fsx_failovers_total", Map.of("fs_id", FILE_SYSTEM_ID))).isEqualTo(1.0);
        assertThat(sample(metrics, "floatwatch_fsx_last_failover_convergence_seconds", Map.of("fs_id", FILE_SYSTEM_ID)))
                .isBetween(Duration.ofMinutes(1).minus(POLL.multipliedBy(3)).toSeconds() * 1.0, Duration.ofMinutes(1).plus(POLL.multipliedBy(3)).toSeconds() * 1.0);
        assertThat(sample(metrics, "floatwatch_findings_active", Map.of("type", "fsx_failed_over"))).isEqualTo(0.0);
        assertThat(metrics).contains("floatwatch_aws_requests_total{");
    }

    @Test
    void shouldTellOnCallInOneLineWhenTheFailoverFiresAndResolves() {
        assertThat(result.notifications()).anySatisfy(l -> assertThat(l).startsWith("FIRING").contains("FsxFailedOver").contains(FILE_SYSTEM_ID));
        assertThat(result.notifications()).anySatisfy(l -> assertThat(l).startsWith("RESOLVED").contains("FsxFailedOver"));
        assertThat(result.notifications()).noneMatch(l -> l.contains("\n"));
        assertThat(printed).contains("[T+11:00] AWS").contains("PAGE  FIRING");
    }

    /** The value of one series, matched by a subset of its labels; fails when absent or ambiguous. */
    static double sample(String metrics, String name, Map<String, String> labels) {
        List<Double> values = new ArrayList<>();
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        while (m.find()) {
            String set = m.group(1);
            if (labels.entrySet().stream().allMatch(e -> set.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                values.add(Double.parseDouble(m.group(2)));
            }
        }
        assertThat(values).as(name + labels + " in\n" + metrics).hasSize(1);
        return values.get(0);
    }

    private static DemoRun.Options withoutClosingBroker(DemoRun.Options o) {
        return new DemoRun.Options(o.speed(), o.pollInterval(), o.httpHost(), o.httpPort(), o.out(), () -> {
            KafkaBroker real = o.broker().get();
            return new KafkaBroker() {
                @Override
                public String bootstrapServers() {
                    return real.bootstrapServers();
                }

                @Override
                public String kind() {
                    return real.kind();
                }

                @Override
                public void close() {
                    // closed in @AfterAll
                }
            };
        });
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrap, "group.id", "it-reader-" + System.nanoTime(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed");
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.currentTimeMillis();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && (all.isEmpty() || System.currentTimeMillis() - quietSince < 2_000)) {
                var records = consumer.poll(Duration.ofMillis(200));
                records.forEach(all::add);
                if (!records.isEmpty()) {
                    quietSince = System.currentTimeMillis();
                }
            }
        }
        // Multiple partitions: order by the finding's own time so "first" and "last" mean what they say.
        all.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        return all;
    }
}

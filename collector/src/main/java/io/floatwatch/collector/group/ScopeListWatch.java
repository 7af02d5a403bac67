package io.floatwatch.collector.group;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the group coordinator, every {@code interval}, which members the group has and compares their scope lists with
 * this replica's ({@link ScopeListCheck}). A difference is an ERROR in the log (when it appears, then every 10 minutes
 * while it lasts) and the gauge {@value #MISMATCH} (members that differ; Prometheus
 * {@code floatwatch_collector_group_config_mismatch}). The replica keeps polling what it owns: see collector/README.md,
 * "Replicas with different scope lists", for why neither stopping nor failing a health check would help.
 */
public final class ScopeListWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeListWatch.class);
    public static final String MISMATCH = "floatwatch.collector.group.config.mismatch";
    private static final Duration REPEAT = Duration.ofMinutes(10);

    private final String groupId;
    private final ScopeListCheck check;
    private final Admin admin;
    private final ScheduledExecutorService timer;
    private final AtomicInteger mismatching = new AtomicInteger();
    private volatile Set<String> lastReported = Set.of();
    private volatile long lastLoggedNanos;

    public ScopeListWatch(String bootstrapServers, Map<String, ?> clientProperties, String groupId, ScopeListCheck check,
            MeterRegistry registry) {
        this.groupId = groupId;
        this.check = check;
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
        Gauge.builder(MISMATCH, mismatching, AtomicInteger::get)
                .description("Other collector replicas in the group whose scope list differs from this one's (0 = all agree)").register(registry);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "floatwatch-collector-scope-list-watch");
            t.setDaemon(true);
            return t;
        });
    }

    public void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::checkNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many members differ, as of the last check. */
    public int mismatching() {
        return mismatching.get();
    }

    /** A check soon, off the caller's thread (a rebalance callback must not wait for the coordinator). */
    public void checkSoon() {
        timer.execute(this::checkNow);
    }

    /** One check now (also after each rebalance, when a new member may just have joined). */
    public void checkNow() {
        List<ScopeListCheck.Member> members;
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId), new DescribeConsumerGroupsOptions().timeoutMs(10_000))
                    .describedGroups().get(groupId).get(15, TimeUnit.SECONDS);
            members = group.members().stream().map(m -> new ScopeListCheck.Member(m.consumerId(), m.clientId(), m.host())).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            // Keeps the last verdict: a broker that cannot answer now says nothing about the other replicas' configs.
            LOG.warn("collector group {}: cannot describe the group to compare scope lists: {}", groupId, e.toString());
            return;
        }
        List<ScopeListCheck.Mismatch> found = check.mismatches(members);
        mismatching.set(found.size());
        Set<String> now = found.stream().map(m -> m.member().memberId()).collect(Collectors.toSet());
        long t = System.nanoTime();
        if (!found.isEmpty() && (!now.equals(lastReported) || t - lastLoggedNanos > REPEAT.toNanos())) {
            LOG.error(check.describe(groupId, found));
            lastLoggedNanos = t;
        } else if (found.isEmpty() && !lastReported.isEmpty()) {
            LOG.info("collector group {}: every replica now has the same scope list", groupId);
        }
        lastReported = now;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}

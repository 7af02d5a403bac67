package io.floatwatch.collector;

import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.RouteTableSource;
import io.floatwatch.collector.ec2.RouteTableView;
import io.floatwatch.collector.publish.KafkaObservationSink;
import io.floatwatch.collector.publish.ObservationPublisher;
import io.floatwatch.collector.publish.ObservationSink;
import io.floatwatch.collector.source.Sightings;
import io.floatwatch.collector.source.Source;
import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.Observation;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Polls every source in every scope on its own interval and publishes what changed.
 *
 * <p>Wiring: {@link #create(CollectorSettings, Clock, MeterRegistry)} for production (default
 * credential chain, Kafka), the overload with an {@link AwsCredentialsProvider} for the demo
 * (static keys against the simulator), and the public constructor for tests with their own
 * sources and sink. Then {@link #start()} and {@link #close()}; {@link #pollOnce()} runs every
 * job once on the caller's thread.
 *
 * <p>Each (scope, source) is one job: its first poll is staggered by its place in the source order,
 * then it starts every interval (with jitter) after the start of the previous poll, at once when
 * that poll overran its interval. A job never runs twice at once, and a slow one holds only its own
 * thread: the route-table inventory, minutes long at 50,000 tables, runs beside the 30 s fast loop,
 * not in its place, and takes only EC2 tokens the other polls leave.
 *
 * <p>Scopes share nothing a hung call can hold: one timer thread only starts polls and checks
 * deadlines (it never polls or publishes), and each scope polls on a pool of its own with a thread
 * per source, so a region whose every call hangs blocks its own threads and no other scope's. A poll
 * still running at its deadline, max(its interval, 5 s), is a failed poll
 * ({@link PollJob#overdue}): the hung region is reported stale within that, not after staleAfter.
 */
public final class Collector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    private static final Duration FIRST_POLL_SPACING = Duration.ofSeconds(2);
    /** How soon a poll blocked by another source's missing poll is tried again, at most. */
    static final Duration BLOCKED_RETRY = Duration.ofSeconds(60);
    public static final String POLL_INTERVAL = "floatwatch.poll.interval.seconds";
    /** The shortest poll deadline (see {@link #pollDeadline}). */
    public static final Duration MIN_POLL_DEADLINE = Duration.ofSeconds(5);

    private final CollectorSettings settings;
    private final Clock clock;
    private final List<PollJob> jobs = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    /** Starts polls and fires deadlines; never runs a poll, so nothing a hung call holds can delay it. */
    private ScheduledExecutorService scheduler;
    /** One pool per scope, a thread per source of it: a hung scope holds its own threads only. */
    private final Map<Scope, ExecutorService> pools = new java.util.concurrent.ConcurrentHashMap<>();
    /** Reports overdue polls (it publishes a failed marker, which may wait on Kafka, so not on the timer). */
    private ExecutorService deadlines;
    private volatile boolean closing;
    private final AtomicLong timerHeartbeat = new AtomicLong();
    private final ObservationPublisher publisher;
    private final Sightings sightings;
    /** What else holds per-scope state a replica must drop when another takes the scope (the route-table view). */
    private final List<Consumer<Scope>> scopeStateHolders = new ArrayList<>();

    /**
     * Sources whose tombstones wait, after a takeover, for another source's first complete poll: the fast route-table
     * loop publishes every table of the scope from the inventory's last complete read, which a new owner has not made
     * yet, so until then a table it has not re-read is not gone.
     */
    static final Map<String, String> TOMBSTONES_AFTER_TAKEOVER_WAIT_FOR = Map.of(
            RouteTableSource.NAME, RouteTableInventorySource.NAME);

    public Collector(CollectorSettings settings, List<Source<?>> sources, ObservationSink sink, Clock clock, MeterRegistry registry) {
        this(settings, sources, sink, clock, registry, new Sightings());
    }

    /** @param sightings the one the sources read from (see {@link SourceRegistry.Context}); the collector records into it */
    public Collector(CollectorSettings settings, List<Source<?>> sources, ObservationSink sink, Clock clock, MeterRegistry registry,
            Sightings sightings) {
        this.settings = settings;
        this.clock = clock;
        this.sightings = sightings;
        this.publisher = new ObservationPublisher(sink, Duration.ofSeconds(60));
        for (Scope scope : settings.scopes()) {
            for (Source<?> source : sources) {
                jobs.add(new PollJob(scope, source, publisher, clock, registry, sightings));
                // Beside the poll age, so a rule compares each with its own interval (age > 3 x interval).
                Gauge.builder(POLL_INTERVAL, settings, s -> source.nominalInterval(scope, s.pollInterval(source.name())).toMillis() / 1000.0)
                        .tag("account", scope.account()).tag("region", scope.region()).tag("source", source.name())
                        .description("Steady interval between polls of this scope and source: the configured one, or longer where a poll needs more EC2 calls than its share allows")
                        .register(registry);
            }
        }
    }

    public static Collector create(CollectorSettings settings, Clock clock, MeterRegistry registry) {
        return assemble(settings, new AwsClients(settings.awsAccess(), registry), clock, registry);
    }

    public static Collector create(CollectorSettings settings, AwsCredentialsProvider credentials, Clock clock, MeterRegistry registry) {
        return assemble(settings, new AwsClients(settings.awsAccess(), credentials, registry), clock, registry);
    }

    private static Collector assemble(CollectorSettings settings, AwsClients clients, Clock clock, MeterRegistry registry) {
        clients.preRegister(settings.scopes(), SourceRegistry.ROWS.stream().flatMap(r -> r.actions().stream()).distinct().toList());
        KafkaObservationSink sink = new KafkaObservationSink(settings.bootstrapServers(), settings.topic(), settings.clientId(),
                settings.producerProperties());
        Sightings sightings = new Sightings();
        Collector collector = new Collector(settings, SourceRegistry.create(new SourceRegistry.Context(clients, sightings, settings, clock)),
                sink, clock, registry, sightings);
        collector.owned.add(sink);
        collector.owned.add(clients);
        return collector;
    }

    /**
     * For group mode (io.floatwatch.collector.group): the collector publishes through {@code sink}, which the group
     * owns (and closes), and polls only the scopes it is given ({@link #startIdle}, {@link #gain}, {@link #lose}).
     */
    public static Collector create(CollectorSettings settings, AwsCredentialsProvider credentials, ObservationSink sink, Clock clock,
            MeterRegistry registry, Sightings sightings) {
        AwsClients clients = credentials == null ? new AwsClients(settings.awsAccess(), registry)
                : new AwsClients(settings.awsAccess(), credentials, registry);
        clients.preRegister(settings.scopes(), SourceRegistry.ROWS.stream().flatMap(r -> r.actions().stream()).distinct().toList());
        RouteTableView view = new RouteTableView();
        Collector collector = new Collector(settings, SourceRegistry.create(new SourceRegistry.Context(clients, sightings, settings, clock, view)),
                sink, clock, registry, sightings);
        collector.scopeStateHolders.add(view::forget);
        collector.owned.add(clients);
        return collector;
    }

    /** Every source in {@link SourceRegistry}, in the order they are polled, sharing one {@link Sightings}. */
    public static List<Source<?>> sources(AwsClients clients, CollectorSettings settings, Clock clock, Sightings sightings) {
        return SourceRegistry.create(new SourceRegistry.Context(clients, sightings, settings, clock));
    }

    /** Runs every (scope, source) once, in order, on this thread. */
    public List<PollResult> pollOnce() {
        return jobs.stream().map(PollJob::run).toList();
    }

    /** Runs the named sources once in every scope, in order, on this thread (e.g. the fast route-table loop alone). */
    public List<PollResult> pollOnce(Set<String> sources) {
        return jobs.stream().filter(j -> sources.contains(j.source().name())).map(PollJob::run).toList();
    }

    /** Polls every scope of the settings: the collector alone, as without a group. */
    public synchronized void start() {
        startIdle();
        startPolling(settings.scopes());
        LOG.info("collector started: {} scopes x {} sources", settings.scopes().size(), jobs.size() / Math.max(1, settings.scopes().size()));
    }

    /** Starts the timer but polls no scope until {@link #gain} hands it some (group mode). */
    public synchronized void startIdle() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = new ScheduledThreadPoolExecutor(1, daemon("floatwatch-poll-timer"));
        deadlines = Executors.newCachedThreadPool(daemon("floatwatch-poll-deadline"));
        timerHeartbeat.set(System.nanoTime());
        scheduler.scheduleWithFixedDelay(() -> timerHeartbeat.set(System.nanoTime()), 1, 1, TimeUnit.SECONDS);
        for (PollJob job : jobs) {
            job.lost();
        }
    }

    private void startPolling(Collection<Scope> scopes) {
        List<String> order = jobs.stream().map(j -> j.source().name()).distinct().toList();
        for (Scope scope : scopes) {
            List<PollJob> scoped = jobs.stream().filter(j -> j.scope().equals(scope)).toList();
            if (scoped.isEmpty() || pools.containsKey(scope)) {
                continue;
            }
            pools.put(scope, Executors.newFixedThreadPool(scoped.size(), daemon("floatwatch-poll-" + scope.id())));
            for (PollJob job : scoped) {
                job.gained();
                // First polls follow the source order, FIRST_POLL_SPACING apart, so sources that feed others (file
                // systems, VPNs) have usually answered before their readers ask; within that, jitter spreads the scopes.
                Duration base = FIRST_POLL_SPACING.multipliedBy(order.indexOf(job.source().name()));
                scheduleNext(job, base.plus(initialDelay(job)));
            }
        }
    }

    /**
     * Takes scopes over (group mode): {@code lastPublished} is each scope's last published state, read back from the
     * observations topic, so the first polls publish only what really changed since the previous owner's last poll and
     * no tombstone for what this replica has not read yet. Then polls them.
     */
    public synchronized void gain(Map<Scope, List<Observation>> lastPublished) {
        if (scheduler == null || closing) {
            return;
        }
        for (Map.Entry<Scope, List<Observation>> scope : lastPublished.entrySet()) {
            // Each resource to the source that publishes it (the inventory declares route tables too, but the fast loop
            // publishes them), so that source's first poll here compares with what was last published.
            for (PollJob job : jobs.stream().filter(j -> j.scope().equals(scope.getKey()) && j.source().publishesObservations()).toList()) {
                String source = job.source().name();
                List<Class<? extends Observation>> types = SourceRegistry.row(source)
                        .map(SourceRegistry.Row::publishes).orElse(List.of());
                List<Observation> seen = scope.getValue().stream().filter(o -> types.contains(o.getClass()))
                        .toList();
                publisher.takeOver(scope.getKey(), source, seen, TOMBSTONES_AFTER_TAKEOVER_WAIT_FOR.get(source));
                sightings.seed(scope.getKey(), source, seen);
            }
        }
        startPolling(lastPublished.keySet());
    }

    /**
     * Stops polling scopes another replica takes (group mode) and returns once none of their polls runs here: a poll in
     * flight is let finish (and publish) for up to {@code grace}, then interrupted. Only then may the group hand them on,
     * so no scope has two writers.
     */
    public void lose(Collection<Scope> scopes, Duration grace) {
        List<ExecutorService> stopping = new ArrayList<>();
        synchronized (this) {
            for (Scope scope : scopes) {
                ExecutorService pool = pools.remove(scope);
                if (pool != null) {
                    pool.shutdown();
                    stopping.add(pool);
                }
                jobs.stream().filter(j -> j.scope().equals(scope)).forEach(PollJob::lost);
            }
        }
        try {
            long deadline = System.nanoTime() + grace.toNanos();
            for (ExecutorService pool : stopping) {
                if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("polls of a lost scope still running after {} ms; interrupting them", grace.toMillis());
                    pool.shutdownNow();
                    pool.awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            stopping.forEach(ExecutorService::shutdownNow);
            Thread.currentThread().interrupt();
        }
        for (Scope scope : scopes) {
            publisher.forget(scope);
            sightings.forget(scope);
            scopeStateHolders.forEach(holder -> holder.accept(scope));
        }
    }

    /** The scopes this collector polls now. */
    public Set<Scope> polledScopes() {
        return Set.copyOf(pools.keySet());
    }

    private Duration initialDelay(PollJob job) {
        long windowMillis = Math.min(FIRST_POLL_SPACING.toMillis(),
                (long) (settings.pollInterval(job.source().name()).toMillis() * settings.jitter()));
        return Duration.ofMillis(windowMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(windowMillis + 1));
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private void scheduleNext(PollJob job, Duration delay) {
        ScheduledExecutorService s = scheduler;
        ExecutorService pool = pools.get(job.scope());
        if (s == null || s.isShutdown() || pool == null) {
            return;
        }
        try {
            s.schedule(() -> submit(pool, job), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed while this job was running: nothing more to schedule
        }
    }

    private void submit(ExecutorService pool, PollJob job) {
        try {
            pool.execute(() -> {
                // Queued before the scope was lost (group mode): a pool shut down still runs what it had queued.
                if (pools.get(job.scope()) == pool) {
                    runScheduled(job);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void runScheduled(PollJob job) {
        long started = System.nanoTime();
        Duration deadline = pollDeadline(job);
        ScheduledFuture<?> watch = null;
        try {
            if (deadline != null) {
                watch = scheduler.schedule(() -> deadlines.execute(() -> job.overdue(deadline)), deadline.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException | NullPointerException e) {
            return; // closing
        }
        try {
            job.run();
        } catch (RuntimeException e) {
            // PollJob reports its own failures; this only guards the schedule against bugs.
            LOG.error("poll job crashed: source={} scope={}", job.source().name(), job.scope(), e);
        } finally {
            if (watch != null) {
                watch.cancel(false);
            }
            Duration interval = job.source().nextInterval(job.scope(), settings.pollInterval(job.source().name()), clock.instant());
            if (job.blocked() && interval.compareTo(BLOCKED_RETRY) > 0) {
                // Blocked by a source that had not answered yet (a start, or its failure): try again soon rather
                // than leave this source, polled hourly (CloudWatch), without data for an hour.
                interval = BLOCKED_RETRY;
            }
            scheduleNext(job, untilNextStart(jittered(interval), Duration.ofNanos(System.nanoTime() - started)));
        }
    }

    /**
     * How long a poll may run before it is a failed poll: until its next one is due (its interval), but
     * at least {@link #MIN_POLL_DEADLINE}, so sub-second test and demo intervals do not turn a poll that
     * builds its SDK clients or waits out a GC into a failure. In production (30 s and longer) it is the interval.
     *
     * <p>Null for the route-table inventory: it runs in the background on the EC2 tokens the other polls leave,
     * so it may take longer than its interval by design (minutes at 50,000 tables); each of its pages is still
     * bounded by the SDK's call timeout, and its age shows in floatwatch_poll_age_seconds.
     */
    Duration pollDeadline(String source) {
        if (RouteTableInventorySource.NAME.equals(source)) {
            return null;
        }
        Duration interval = settings.pollInterval(source);
        return interval.compareTo(MIN_POLL_DEADLINE) >= 0 ? interval : MIN_POLL_DEADLINE;
    }

    /**
     * The same for one job, where the source paces its polls wider than configured because one poll makes several EC2
     * calls (its {@code nominalInterval}): the fast route-table loop's sentinel polls, each with its page of the rolling
     * read (at 2,000 managed tables and 500 file systems 3 + 1 calls, every 4 s against the 2 s setting), and its full
     * reads of every table, which it makes where the sentinel has nothing to watch, a scope's first read among them
     * (20 calls at 2,000 tables, paced at 20 s). Such a poll is given twice its paced interval: its calls wait for their
     * tokens, at the bucket's rate once the burst is spent, beside the other sources' calls, and failed at the
     * configured interval, a loaded machine's slower calls failed it again and again and a flip was published minutes
     * late (InventoryLatencyBench).
     */
    private Duration pollDeadline(PollJob job) {
        Duration deadline = pollDeadline(job.source().name());
        if (deadline == null) {
            return null;
        }
        Duration configured = settings.pollInterval(job.source().name());
        Duration nominal = job.source().nominalInterval(job.scope(), configured);
        if (nominal.compareTo(configured) <= 0) {
            return deadline;
        }
        Duration stretched = nominal.multipliedBy(2);
        return stretched.compareTo(deadline) > 0 ? stretched : deadline;
    }

    /**
     * Why polling has stopped for good, or null (for /healthz): the timer thread that starts every poll is
     * gone or stuck, or a scope's pool was shut down. A hung region is not among these: its polls fail by
     * their deadline and it recovers when AWS does; restarting would not help.
     */
    public String liveProblem() {
        ScheduledExecutorService s = scheduler;
        if (closing || s == null) {
            return null;
        }
        if (s.isShutdown()) {
            return "poll timer shut down";
        }
        long silentNanos = System.nanoTime() - timerHeartbeat.get();
        if (silentNanos > TimeUnit.SECONDS.toNanos(30)) {
            return "poll timer has not ticked for " + TimeUnit.NANOSECONDS.toSeconds(silentNanos) + " s";
        }
        for (Map.Entry<Scope, ExecutorService> pool : pools.entrySet()) {
            if (pool.getValue().isShutdown()) {
                return "poll pool of " + pool.getKey() + " shut down";
            }
        }
        return null;
    }

    /**
     * Polls start an interval apart, not an interval after the previous one ended: a fast route-table
     * poll of 20 pages takes 5-10 s at 2 EC2 calls/s, and waiting the interval after it would add that
     * to the age of every route it reads. A poll that overran its interval is followed at once.
     */
    static Duration untilNextStart(Duration interval, Duration took) {
        Duration rest = interval.minus(took);
        return rest.isNegative() ? Duration.ZERO : rest;
    }

    Duration jittered(Duration interval) {
        double factor = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * settings.jitter();
        return Duration.ofMillis(Math.max(1, Math.round(interval.toMillis() * factor)));
    }

    @Override
    public synchronized void close() {
        closing = true;
        // A long poll (the route-table inventory) ends at its next page instead of holding up the close below.
        jobs.stream().map(PollJob::source).distinct().forEach(Source::stop);
        if (scheduler != null) {
            // Let a poll in flight finish and publish its marker: interrupting it mid-call would
            // log a failure that never happened and leave the marker unpublished.
            if (scheduler instanceof ScheduledThreadPoolExecutor pool) {
                pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
            }
            scheduler.shutdown();
            pools.values().forEach(ExecutorService::shutdown);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                boolean done = true;
                for (ExecutorService pool : pools.values()) {
                    done &= pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                if (!done) {
                    LOG.warn("polls still running after 30 s; interrupting them");
                    pools.values().forEach(ExecutorService::shutdownNow);
                    for (ExecutorService pool : pools.values()) {
                        pool.awaitTermination(5, TimeUnit.SECONDS);
                    }
                }
            } catch (InterruptedException e) {
                pools.values().forEach(ExecutorService::shutdownNow);
                Thread.currentThread().interrupt();
            }
            scheduler.shutdownNow();
            deadlines.shutdownNow();
            pools.clear();
            scheduler = null;
        }
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
        owned.clear();
    }
}

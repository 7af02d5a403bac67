package io.floatwatch.collector;

import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.collector.publish.KafkaObservationSink;
import io.floatwatch.collector.publish.ObservationPublisher;
import io.floatwatch.collector.publish.ObservationSink;
import io.floatwatch.model.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * <p>Each (scope, source) is one job on a shared scheduler: its first poll is staggered by its
 * place in the source order, then it starts every interval (with jitter) after the start of the
 * previous poll, at once when that poll overran its interval. A
 * job never runs twice at once, and a slow one holds only its own thread: the route-table
 * inventory, minutes long at 50,000 tables, runs beside the 30 s fast loop, not in its place,
 * and takes only EC2 tokens the other polls leave.
 */
public final class Collector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    private static final Duration FIRST_POLL_SPACING = Duration.ofSeconds(2);
    /** How soon a poll blocked by another source's missing poll is tried again, at most. */
    static final Duration BLOCKED_RETRY = Duration.ofSeconds(60);

    private final CollectorSettings settings;
    private final List<PollJob> jobs = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private ScheduledExecutorService scheduler;

    public Collector(CollectorSettings settings, List<Source<?>> sources, ObservationSink sink, Clock clock, MeterRegistry registry) {
        this(settings, sources, sink, clock, registry, new Sightings());
    }

    /** @param sightings the one the sources read from (see {@link SourceRegistry.Context}); the collector records into it */
    public Collector(CollectorSettings settings, List<Source<?>> sources, ObservationSink sink, Clock clock, MeterRegistry registry,
            Sightings sightings) {
        this.settings = settings;
        ObservationPublisher publisher = new ObservationPublisher(sink, Duration.ofSeconds(60));
        for (Scope scope : settings.scopes()) {
            for (Source<?> source : sources) {
                jobs.add(new PollJob(scope, source, publisher, clock, registry, sightings));
            }
        }
    }

    public static Collector create(CollectorSettings settings, Clock clock, MeterRegistry registry) {
        return assemble(settings, new AwsClients(settings, registry), clock, registry);
    }

    public static Collector create(CollectorSettings settings, AwsCredentialsProvider credentials, Clock clock, MeterRegistry registry) {
        return assemble(settings, new AwsClients(settings, credentials, registry), clock, registry);
    }

    private static Collector assemble(CollectorSettings settings, AwsClients clients, Clock clock, MeterRegistry registry) {
        KafkaObservationSink sink = new KafkaObservationSink(settings.bootstrapServers(), settings.topic(), settings.clientId(),
                settings.producerProperties());
        Sightings sightings = new Sightings();
        Collector collector = new Collector(settings, SourceRegistry.create(new SourceRegistry.Context(clients, sightings, settings, clock)),
                sink, clock, registry, sightings);
        collector.owned.add(sink);
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

    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        // A region that hangs holds its threads until the call times out, and each scope's route-table inventory holds
        // one for minutes at 50,000 tables: spare threads keep the other polls and scopes on time.
        scheduler = Executors.newScheduledThreadPool(Math.max(1, Math.min(jobs.size(), 4 + 3 * settings.scopes().size())), r -> {
            Thread t = new Thread(r, "floatwatch-poll");
            t.setDaemon(true);
            return t;
        });
        List<String> order = jobs.stream().map(j -> j.source().name()).distinct().toList();
        for (PollJob job : jobs) {
            // First polls follow the source order, FIRST_POLL_SPACING apart, so sources that feed others (file
            // systems, VPNs) have usually answered before their readers ask; within that, jitter spreads the scopes.
            Duration base = FIRST_POLL_SPACING.multipliedBy(order.indexOf(job.source().name()));
            scheduleNext(job, base.plus(initialDelay(job)));
        }
        LOG.info("collector started: {} scopes x {} sources", settings.scopes().size(), jobs.size() / Math.max(1, settings.scopes().size()));
    }

    private Duration initialDelay(PollJob job) {
        long windowMillis = Math.min(FIRST_POLL_SPACING.toMillis(),
                (long) (settings.pollInterval(job.source().name()).toMillis() * settings.jitter()));
        return Duration.ofMillis(windowMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(windowMillis + 1));
    }

    private void scheduleNext(PollJob job, Duration delay) {
        ScheduledExecutorService s = scheduler;
        if (s == null || s.isShutdown()) {
            return;
        }
        try {
            s.schedule(() -> {
            long started = System.nanoTime();
            try {
                job.run();
            } catch (RuntimeException e) {
                // PollJob reports its own failures; this only guards the schedule against bugs.
                LOG.error("poll job crashed: source={} scope={}", job.source().name(), job.scope(), e);
            } finally {
                Duration interval = settings.pollInterval(job.source().name());
                if (job.blocked() && interval.compareTo(BLOCKED_RETRY) > 0) {
                    // Blocked by a source that had not answered yet (a start, or its failure): try again soon rather
                    // than leave this source, polled hourly (CloudWatch), without data for an hour.
                    interval = BLOCKED_RETRY;
                }
                scheduleNext(job, untilNextStart(jittered(interval), Duration.ofNanos(System.nanoTime() - started)));
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed while this job was running: nothing more to schedule
        }
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
            try {
                if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("polls still running after 30 s; interrupting them");
                    scheduler.shutdownNow();
                    scheduler.awaitTermination(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
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

package io.floatwatch.analyzer.runtime;

import io.floatwatch.analyzer.core.Outcome;
import io.floatwatch.analyzer.core.ScopeAnalyzer;
import io.floatwatch.analyzer.core.path.DeclaredClient;
import io.floatwatch.analyzer.core.policy.FailoverPolicy;
import io.floatwatch.analyzer.core.policy.RulePolicy;
import io.floatwatch.analyzer.core.state.ScopeState;
import io.floatwatch.analyzer.core.state.StateChanges;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Event;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.json.RecordCodec;
import io.floatwatch.model.json.RecordDecodingException;
import io.floatwatch.model.observation.Observation;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds each observation record to the pure core of its scope and publishes what comes out.
 *
 * <p>Per record: decode (or dead-letter), take the scope's state (decoded once, then kept here),
 * let the core judge, keep the record in the observation store (whose changelog is the observations
 * topic itself) unless it repeats what the store holds and the core took it for a clock tick, then
 * store the new state if it changed and each published finding. All of it, and the outputs, commit
 * in one transaction (exactly_once_v2), so after a crash either everything of a record happened or
 * none of it.
 *
 * <p>The state is stored per entry ({@link ScopeStateStore}): a change writes the entries that
 * changed, not the whole state. A state that differs only in its clock (a republished, unchanged
 * observation) is written on the next punctuation instead. A commit between two
 * punctuations can leave the stored clock behind the committed offsets, never anything else:
 * every change that could fire, resolve or publish is written with its record, and the clock
 * stored with it is at least the time of that change. After such a restart the clock only
 * catches up with the next observation (it never moves back), and the rules, which judged
 * nothing different between the stored clock and the lost one, judge the same again.
 */
final class ObservationProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(ObservationProcessor.class);

    private final FailoverPolicy policy;
    private final RulePolicy rules;
    private final List<DeclaredClient> clients;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, byte[]> observations;
    private ScopeStateStore scopeStates;
    private KeyValueStore<String, byte[]> publishedFindings;
    /**
     * Region models, built lazily from the observation store. Dropped on every init(): when a task
     * is revived after an aborted transaction, the stores roll back and so must this cache.
     */
    private Map<Scope, ScopeAnalyzer> analyzers = new HashMap<>();
    /**
     * Each scope's state as the core last returned it, so the core gets back the very object it
     * returned (and can tell a mere clock tick) and no record pays for a JSON decode. Dropped on
     * init() for the same reason as the models.
     */
    private Map<Scope, ScopeState> states = new HashMap<>();
    /** Scopes whose cached state is ahead of the store in its clock only. */
    private Set<Scope> clockBehind = new LinkedHashSet<>();
    /** Each key's last record, to skip decoding a repeat that differs only in observedAt. Dropped on init(). */
    private RepeatedRecords records = new RepeatedRecords();
    /** How often a clock-only change is written; well under a minute, far above the per-record rate. */
    static final Duration CLOCK_FLUSH = Duration.ofSeconds(1);
    /** Every (account, region) the collectors watch: whether a file system can be missing from a region is decided with it. */
    private final List<Scope> watched;

    /** How often the wall-clock watchdog looks for silent scopes; far below any silence it reports (minutes). */
    static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(5);

    private final AnalyzerStats stats;
    private final SilenceWatch silence;

    ObservationProcessor(FailoverPolicy policy, RulePolicy rules, List<DeclaredClient> clients, List<Scope> watched,
            AnalyzerStats stats) {
        this.policy = policy;
        this.rules = rules;
        this.clients = List.copyOf(clients);
        this.watched = List.copyOf(watched);
        this.stats = stats;
        this.silence = new SilenceWatch(rules, stats);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.observations = context.getStateStore(AnalyzerTopology.OBSERVATION_STORE);
        this.scopeStates = new ScopeStateStore(context.getStateStore(AnalyzerTopology.SCOPE_STATE_STORE));
        this.publishedFindings = context.getStateStore(AnalyzerTopology.FINDING_STORE);
        this.analyzers = new HashMap<>();
        this.states = new HashMap<>();
        this.clockBehind = new LinkedHashSet<>();
        this.records = new RepeatedRecords();
        context.schedule(CLOCK_FLUSH, PunctuationType.WALL_CLOCK_TIME, now -> storeClocks());
        silence.init(context.getStateStore(AnalyzerTopology.SCOPE_STATE_STORE), publishedFindings,
                context.currentSystemTimeMs());
        context.schedule(WATCHDOG_PERIOD, PunctuationType.WALL_CLOCK_TIME, this::watchdog);
    }

    /** Raises DATA_STALE for each scope nothing arrived from for too long (ScopeSilence), by the wall clock. */
    private void watchdog(long now) {
        for (Finding finding : silence.tick(now, scope -> states.computeIfAbsent(scope, scopeStates::load))) {
            LOG.warn("{}", finding.summary());
            publish(finding, now);
        }
    }

    /** Writes the states whose clock alone moved since they were last stored. */
    private void storeClocks() {
        for (Scope scope : clockBehind) {
            ScopeState state = states.get(scope);
            if (state != null) {
                scopeStates.write(state);
            }
        }
        clockBehind.clear();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ResourceKey key;
        try {
            key = ResourceKey.parse(record.key());
        } catch (IllegalArgumentException e) {
            mirror(record);
            deadLetter(record, "bad key: " + e.getMessage());
            return;
        }
        // Heard from, whatever the record holds: even poison shows that the scope's collector is alive.
        long now = context.currentSystemTimeMs();
        if (silence.heard(key.scope(), now, 0)) {
            Finding resolved = silence.resolve(key.scope(), publishedFindings, now);
            if (resolved != null) {
                LOG.info("{}", resolved.summary());
                publish(resolved, record.timestamp());
            }
        }
        Observation observation = null;
        boolean repeat = false;
        if (record.value() == null || record.value().length == 0) {
            records.forget(record.key());
            stats.read(AnalyzerStats.Read.TOMBSTONE);
        } else {
            try {
                observation = records.decode(record.key(), record.value());
                repeat = records.lastRepeated();
            } catch (RecordDecodingException e) {
                mirror(record);
                deadLetter(record, e.getMessage());
                return;
            }
            String problem = problemWith(observation, key);
            if (problem != null) {
                records.forget(record.key());
                mirror(record);
                deadLetter(record, problem);
                return;
            }
        }
        Scope scope = key.scope();
        // Rebuilt from the store before this record joins it, so the core sees the change as a change.
        ScopeAnalyzer analyzer = analyzers.computeIfAbsent(scope, this::rebuild);
        Outcome outcome;
        ScopeState state;
        try {
            state = states.computeIfAbsent(scope, scopeStates::load);
            outcome = observation == null ? analyzer.delete(state, key.resourceId()) : analyzer.observe(state, observation);
        } catch (RuntimeException e) {
            // A rule bug must not stop every region; the half-updated model is dropped and rebuilt.
            analyzers.remove(scope);
            mirror(record);
            LOG.error("analyzer failed on {}; record sent to the dead-letter topic", key, e);
            deadLetter(record, "analyzer failed: " + e);
            return;
        }
        // The store keeps what the model was given. A repeat the core took for a clock tick is not
        // written: the store holds its content already (an earlier record of the key, kept because it
        // was no repeat or because the core took it), as the model does. Writing it cost more than
        // the rules, for most records a collector sends after a restart or in an inventory.
        if (!repeat || analyzer.holds(observation)) {
            mirror(record);
        }
        if (observation != null) {
            stats.read(AnalyzerStats.Read.APPLIED);
            stats.heard(scope, now, observation.observedAt().toEpochMilli());
        }
        apply(scope, state, outcome, record.timestamp());
        acrossAccounts(scope, analyzer.lastChanges(), record.timestamp());
    }

    /** Stores a scope's new state (or notes that only its clock moved) and forwards its events and findings. */
    private void apply(Scope scope, ScopeState state, Outcome outcome, long timestamp) {
        ScopeState next = outcome.state();
        states.put(scope, next);
        if (next != state) {
            StateChanges changes = outcome.changes();
            if (changes != null && changes.from() == state ? changes.onlyClockMoved(next) : next.sameButClock(state)) {
                clockBehind.add(scope);
            } else {
                scopeStates.write(next, changes);
                clockBehind.remove(scope);
            }
        }
        for (Event event : outcome.events()) {
            stats.written(stats.topics().events());
            context.forward(new Record<>(event.subject(), RecordCodec.events().encode(event), timestamp),
                    AnalyzerTopology.EVENTS_SINK);
        }
        for (Finding finding : outcome.findings()) {
            publish(finding, timestamp);
        }
    }

    /**
     * A change in one account of a region reaches the pieces of its other accounts that read it: a client's
     * path crosses accounts (its subnet in one, the TGW in another, the file system in a third).
     */
    private void acrossAccounts(Scope changed, java.util.Set<String> keys, long timestamp) {
        if (keys.isEmpty()) {
            return;
        }
        for (ScopeAnalyzer other : List.copyOf(analyzers.values())) {
            Scope scope = other.scope();
            if (scope.equals(changed) || !scope.region().equals(changed.region())) {
                continue;
            }
            try {
                ScopeState state = states.computeIfAbsent(scope, scopeStates::load);
                apply(scope, state, other.foreignChanged(state, changed.account(), keys), timestamp);
            } catch (RuntimeException e) {
                analyzers.remove(scope);
                LOG.error("analyzer of {} failed judging a change of account {}; it is rebuilt on its next record", scope,
                        changed.account(), e);
            }
        }
    }

    /** The analyzers of one region, as held now: what a scope's path pieces see of the other accounts. */
    private java.util.Collection<ScopeAnalyzer> region(String region) {
        return analyzers.values().stream().filter(a -> a.scope().region().equals(region)).toList();
    }

    /**
     * Keeps the observation store what a restore from the observations topic (its changelog) makes
     * of it: the latest value per key, whatever it is, but for repeats the core took for a clock tick
     * (there the earlier record of the same content stays, as in the model; StoredModelTest shows that
     * cores rebuilt from either store judge alike). Poison is kept too and skipped when a model is
     * rebuilt, so a store restored from the topic and one kept locally rebuild the same model.
     */
    private void mirror(Record<String, byte[]> record) {
        if (record.key() == null) {
            return; // a restore skips null keys as well
        }
        if (record.value() == null) {
            observations.delete(record.key());
        } else {
            observations.put(record.key(), record.value());
        }
    }

    /** Publishes a finding version unless the same one was already published (e.g. by a rebuilt core). */
    private void publish(Finding finding, long timestamp) {
        byte[] before = publishedFindings.get(finding.id());
        if (before != null) {
            try {
                if (finding.sameAs(RecordCodec.findings().decode(before))) {
                    return;
                }
            } catch (RecordDecodingException e) {
                LOG.warn("stored finding {} unreadable ({}); publishing the new version", finding.id(), e.getMessage());
            }
        }
        byte[] encoded = RecordCodec.findings().encode(finding);
        publishedFindings.put(finding.id(), encoded);
        stats.written(stats.topics().findings());
        context.forward(new Record<>(finding.id(), encoded, timestamp), AnalyzerTopology.FINDINGS_SINK);
    }

    private static String problemWith(Observation observation, ResourceKey key) {
        if (observation.scope() == null || observation.observedAt() == null) {
            return "observation without scope or observedAt";
        }
        if (observation.resourceId() == null || !observation.key().equals(key)) {
            return "record key '" + key + "' does not match the observation's key '"
                    + (observation.resourceId() == null ? "?" : observation.key()) + "'";
        }
        return null;
    }

    private ScopeAnalyzer rebuild(Scope scope) {
        // No page from a half-seen picture: pieces wait for the sources they need to complete a poll.
        ScopeAnalyzer analyzer = new ScopeAnalyzer(scope, policy, rules, clients, watched).gateOnFirstPolls(true);
        analyzer.joinRegion(() -> region(scope.region()));
        int loaded = 0;
        int skipped = 0;
        // The trailing '/' keeps account/eu-west-1 from matching account/eu-west-10.
        try (KeyValueIterator<String, byte[]> it = observations.prefixScan(scope.id() + "/", new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> entry = it.next();
                try {
                    Observation observation = ObservationReader.decode(entry.value);
                    if (observation == null) {
                        continue; // an empty value: a tombstone the compacted topic still holds
                    }
                    String problem = problemWith(observation, ResourceKey.parse(entry.key));
                    if (problem != null) {
                        throw new RecordDecodingException(problem);
                    }
                    analyzer.load(observation);
                    loaded++;
                } catch (RecordDecodingException | IllegalArgumentException e) {
                    // Dead-lettered when it arrived; the store keeps the latest record per key, as the topic does.
                    skipped++;
                    LOG.debug("stored record {} skipped: {}", entry.key, e.getMessage());
                }
            }
        }
        if (loaded > 0 || skipped > 0) {
            LOG.info("rebuilt the region model of {} from {} stored observations ({} unusable records skipped)", scope, loaded,
                    skipped);
        }
        return analyzer;
    }

    private void deadLetter(Record<String, byte[]> record, String reason) {
        String where = context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
        LOG.warn("dead-lettering {} (key {}): {}", where, record.key(), reason);
        stats.read(AnalyzerStats.Read.DEAD_LETTERED);
        stats.written(stats.topics().deadLetter());
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(),
                DeadLetters.headers(record.headers(), reason, context.recordMetadata().orElse(null))),
                AnalyzerTopology.DEAD_LETTER_SINK);
    }
}

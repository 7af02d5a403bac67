package io.floatwatch.bench.core;

import io.floatwatch.bench.region.Workload;
import io.floatwatch.model.observation.Observation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Observations per second through the pure rules (ScopeAnalyzer.observe), one thread, on the
 * synthetic region of issue 7. One operation is one observation; a score in ops/s is
 * observations/s/core, since the core is single-threaded per scope.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class CoreThroughputBenchmark {

    static final int BATCH = 100;

    /** Declared clients judged on every observation: none, and the 2,000 of the synthetic region. */
    @Param({"0", "2000"})
    public int clients;

    private Workload.Loaded loaded;
    private List<Observation> stream;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        loaded = Workload.load(clients);
        stream = Workload.rounds();
        next = 0;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int observe() {
        int produced = 0;
        for (int i = 0; i < BATCH; i++) {
            produced += loaded.feed(stream.get(next));
            next = next + 1 == stream.size() ? 0 : next + 1;
        }
        return produced;
    }
}

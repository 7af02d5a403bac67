package io.floatwatch.bench.codec;

import io.floatwatch.analyzer.runtime.ObservationReader;
import io.floatwatch.bench.region.Workload;
import io.floatwatch.collector.publish.ObservationEncoder;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON cost of one observation on each side of the broker: the collector's encode and the
 * analyzer's decode, over the synthetic region's mix of sources. After the rules, these are the
 * largest per-observation costs end to end, so the shared mapper's configuration shows here first.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class CodecBenchmark {

    static final int BATCH = 100;

    private List<Observation> observations;
    private byte[][] encoded;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        observations = Workload.rounds();
        encoded = observations.stream().map(ObservationEncoder::encode).toArray(byte[][]::new);
        for (byte[] record : encoded) {
            if (ObservationReader.decode(record) == null) {
                throw new IllegalStateException("an encoded observation did not decode");
            }
        }
        next = 0;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encode() {
        int bytes = 0;
        for (int i = 0; i < BATCH; i++) {
            bytes += ObservationEncoder.encode(observations.get(advance())).length;
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int decode() {
        int hash = 0;
        for (int i = 0; i < BATCH; i++) {
            hash += ObservationReader.decode(encoded[advance()]).hashCode();
        }
        return hash;
    }

    private int advance() {
        int i = next;
        next = i + 1 == observations.size() ? 0 : i + 1;
        return i;
    }
}

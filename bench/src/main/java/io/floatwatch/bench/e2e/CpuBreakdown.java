package io.floatwatch.bench.e2e;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the two cores went during a measured window, everything running in this one JVM (broker,
 * collector's producer, analyzer, watcher): CPU time per thread role from the JVM's thread clocks,
 * the rest of the process (GC, JIT) by difference, and, from Flight Recorder stack samples, what
 * the analyzer's stream thread and the publishing thread spent their CPU on.
 */
final class CpuBreakdown {

    /**
     * Rules in tiers: the first tier with a rule matching any frame of the stack (searched from the
     * leaf) names the sample's category, so that "JSON decode" wins over the Jackson frames it calls
     * and "core" over the model records the core calls.
     */
    private static final List<List<String[]>> RULES = List.of(
            List.of(
                    new String[] {"org.rocksdb.", "RocksDB (JNI): store puts, gets, scans"},
                    new String[] {"io.floatwatch.analyzer.runtime.ScopeStateStore", "scope state store (diff, JSON)"},
                    new String[] {"io.floatwatch.model.json.RecordCodec.decode", "JSON decode"},
                    new String[] {"io.floatwatch.analyzer.runtime.ObservationReader", "JSON decode"},
                    new String[] {"io.floatwatch.analyzer.runtime.RepeatedRecords", "repeated-record check (instead of decode)"},
                    new String[] {"io.floatwatch.model.json.RecordCodec.encode", "JSON encode"},
                    new String[] {"io.floatwatch.collector.publish.ObservationEncoder", "JSON encode"},
                    new String[] {"io.floatwatch.collector.publish.ObservationPublisher.content", "publisher change detection"},
                    new String[] {"io.floatwatch.collector.publish.SameContent", "publisher change detection"},
                    new String[] {"org.apache.kafka.clients.producer.internals.TransactionManager", "commit / transaction"},
                    new String[] {"org.apache.kafka.streams.processor.internals.StreamsProducer.commitTransaction", "commit / transaction"},
                    new String[] {"org.apache.kafka.streams.processor.internals.TaskExecutor.commit", "commit / transaction"},
                    new String[] {"org.apache.kafka.streams.processor.internals.TaskManager.commit", "commit / transaction"}),
            List.of(
                    new String[] {"io.floatwatch.analyzer.core.", "core (rules, region model)"},
                    new String[] {"io.floatwatch.bench.e2e.RoundStream", "bench (building observations)"}),
            List.of(
                    new String[] {"org.apache.kafka.clients.producer.", "producer send (changelogs, outputs)"},
                    new String[] {"org.apache.kafka.streams.processor.internals.RecordCollectorImpl", "producer send (changelogs, outputs)"},
                    new String[] {"org.apache.kafka.clients.consumer.", "consumer poll, fetch, deserialize"},
                    new String[] {"org.apache.kafka.streams.processor.internals.RecordDeserializer", "consumer poll, fetch, deserialize"},
                    new String[] {"org.apache.kafka.streams.processor.internals.RecordQueue", "consumer poll, fetch, deserialize"}),
            List.of(
                    new String[] {"io.floatwatch.analyzer.runtime.", "runtime (other)"},
                    new String[] {"io.floatwatch.collector.", "collector (other)"},
                    new String[] {"io.floatwatch.model.", "model (keys, records)"},
                    new String[] {"org.apache.kafka.streams.state.", "Streams state store layers"},
                    new String[] {"org.apache.kafka.streams.", "Streams framework"},
                    new String[] {"com.fasterxml.jackson.", "JSON (other)"},
                    new String[] {"sun.nio.ch.", "network I/O"}));

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean profile;
    private Map<Long, Long> cpuAtStart;
    private Map<Long, String> names;
    private long processCpuAtStart;
    private long gcMillisAtStart;
    private long wallAtStart;
    private Map<String, Long> nativeAtStart;
    private Recording recording;

    CpuBreakdown(boolean profile) {
        this.profile = profile;
    }

    void start() {
        names = new HashMap<>();
        cpuAtStart = cpuTimes();
        processCpuAtStart = processCpu();
        gcMillisAtStart = gcMillis();
        wallAtStart = System.nanoTime();
        nativeAtStart = nativeThreads();
        if (profile) {
            recording = new Recording();
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(20));
            recording.setToDisk(true);
            recording.start();
        }
    }

    /** Stops measuring and returns the report, one line per item, indented. */
    List<String> stop() throws IOException {
        long wall = System.nanoTime() - wallAtStart;
        Map<Long, Long> cpuAtEnd = cpuTimes();
        long process = processCpu() - processCpuAtStart;
        long gc = gcMillis() - gcMillisAtStart;
        Map<String, Long> byRole = new LinkedHashMap<>();
        long threadsTotal = 0;
        for (Map.Entry<Long, Long> e : cpuAtEnd.entrySet()) {
            long used = e.getValue() - cpuAtStart.getOrDefault(e.getKey(), 0L);
            threadsTotal += used;
            byRole.merge(role(names.get(e.getKey())), used, Long::sum);
        }
        long rest = Math.max(0, process - threadsTotal);
        Map<String, Long> nativeAtEnd = nativeThreads();
        for (Map.Entry<String, Long> e : nativeAtEnd.entrySet()) {
            long used = Math.min(rest, Math.max(0, e.getValue() - nativeAtStart.getOrDefault(e.getKey(), 0L)));
            if (used > 0) {
                byRole.merge(e.getKey(), used, Long::sum);
                rest -= used;
            }
        }
        byRole.put("other threads (ended, VM)", rest);
        List<String> out = new ArrayList<>();
        out.add(String.format("CPU in %.1f s of wall time: process %.1f s (%.2f of the %d cores); GC pauses %.1f s",
                wall / 1e9, process / 1e9, (double) process / wall, Runtime.getRuntime().availableProcessors(), gc / 1e3));
        byRole.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.add(String.format("  %-44s %6.1f s  %5.1f %%  (%.2f core)", e.getKey(), e.getValue() / 1e9,
                        100.0 * e.getValue() / Math.max(1, process), (double) e.getValue() / wall)));
        if (recording != null) {
            recording.stop();
            Path file = Files.createTempFile("e2e-bench-", ".jfr");
            try {
                recording.dump(file);
                out.addAll(samples(file));
            } finally {
                recording.close();
                Files.deleteIfExists(file);
            }
        }
        return out;
    }

    private List<String> samples(Path file) throws IOException {
        Map<String, Map<String, Integer>> byRole = new TreeMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            boolean execution = event.getEventType().getName().equals("jdk.ExecutionSample");
            if (!execution && !event.getEventType().getName().equals("jdk.NativeMethodSample")) {
                continue;
            }
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            String role = role(thread);
            if (!role.startsWith("analyzer stream thread") && !role.startsWith("collector publish")) {
                continue;
            }
            String category = category(event.getStackTrace());
            if (!execution) {
                // A native sample is a thread inside a native method: running (RocksDB) or parked in the kernel.
                if (!category.startsWith("RocksDB")) {
                    continue;
                }
                category = category + " [native samples x2]";
            }
            byRole.computeIfAbsent(role, k -> new TreeMap<>()).merge(category, execution ? 1 : 2, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        byRole.forEach((role, categories) -> {
            int total = categories.values().stream().mapToInt(Integer::intValue).sum();
            out.add(String.format("CPU samples of the %s (%d, 10 ms apart):", role, total));
            categories.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> out.add(String.format("  %-52s %5.1f %%", e.getKey(), 100.0 * e.getValue() / total)));
        });
        return out;
    }

    static String category(RecordedStackTrace stack) {
        if (stack == null) {
            return "unknown";
        }
        List<String> frames = new ArrayList<>();
        for (RecordedFrame frame : stack.getFrames()) {
            frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
        }
        for (List<String[]> tier : RULES) {
            for (String where : frames) {
                for (String[] rule : tier) {
                    if (where.startsWith(rule[0])) {
                        return rule[1];
                    }
                }
            }
        }
        return "other";
    }

    static String role(String thread) {
        if (thread == null) {
            return "ended threads";
        }
        if (thread.startsWith("kafka-producer-network-thread")) {
            return thread.contains("StreamThread") ? "analyzer producer I/O thread" : "collector producer I/O thread";
        }
        if (thread.contains("-StreamThread-")) {
            return "analyzer stream thread";
        }
        if (thread.equals("main")) {
            return "collector publish (build, change check, encode, send)";
        }
        if (thread.startsWith("e2e-output-watcher")) {
            return "watcher (consumes findings, events)";
        }
        if (thread.contains("request-handler")) {
            return "broker request handlers";
        }
        if (thread.contains("network-thread") || thread.contains("kafka-network")) {
            return "broker network threads";
        }
        return "broker other, clients' background threads";
    }

    private Map<Long, Long> cpuTimes() {
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                out.put(info.getThreadId(), cpu);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        return out;
    }

    /**
     * CPU of the threads the JVM does not list (GC, JIT compilers, RocksDB's background threads), by
     * kind, from /proc (Linux; empty elsewhere). Clock ticks of 10 ms.
     */
    private static Map<String, Long> nativeThreads() {
        Map<String, Long> out = new TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        try (var dirs = Files.list(tasks)) {
            for (Path task : dirs.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(open + 1, close);
                    String kind = comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? "GC threads (G1)"
                            : comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? "JIT compiler threads"
                            : comm.startsWith("rocksdb") ? "RocksDB background threads (flush, compaction)"
                            : null;
                    if (kind == null) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    out.merge(kind, ticks * 10_000_000L, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}

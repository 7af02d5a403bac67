package io.floatwatch.testkit.aws;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Faults queued per operation; each request of that operation consumes at most one. */
final class Faults {

    sealed interface Fault permits Pass, Throttle, Malformed, Fail {
    }

    /** Answered normally: queued before another fault, it makes that fault hit a later call. */
    record Pass() implements Fault {
    }

    record Throttle() implements Fault {
    }

    record Malformed() implements Fault {
    }

    record Fail(int status, String code) implements Fault {
    }

    private final Map<String, Deque<Fault>> queued = new HashMap<>();

    synchronized void add(String operation, Fault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1, was " + times);
        }
        Deque<Fault> queue = queued.computeIfAbsent(operation, k -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.addLast(fault);
        }
    }

    synchronized Optional<Fault> next(String operation) {
        Deque<Fault> queue = queued.get(operation);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.pollFirst());
    }

    synchronized void clear() {
        queued.clear();
    }
}

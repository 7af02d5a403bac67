package io.floatwatch.app.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every problem found in a config file, each as {@code path: what is wrong (what is allowed)}; and the warnings, such as
 * a deprecated key that still works, which are logged and do not fail the file.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public void add(String path, String message) {
        problems.add(path + ": " + message);
    }

    /** A whole line, already of the form {@code path: message}. */
    public void add(String line) {
        problems.add(line);
    }

    /** Something that works but should change, logged at WARN as {@code path: message}. */
    public void warn(String path, String message) {
        String line = path + ": " + message;
        warnings.add(line);
        LOG.warn("config {}", line);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<String> all() {
        return List.copyOf(problems);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The duration at {@code path}, or the fallback when absent; a bad or too-small value is a problem. */
    public Duration duration(String path, String text, Duration fallback, Duration minimum) {
        if (text == null) {
            return fallback;
        }
        Duration d = Durations.parse(text);
        if (d == null) {
            add(path, "'" + text + "' is not a duration (e.g. 30s, 15m, 1h or PT30S)");
            return fallback;
        }
        if (d.compareTo(minimum) < 0) {
            add(path, text + " is below the minimum of " + minimum.toString().substring(2).toLowerCase());
        }
        return d;
    }
}

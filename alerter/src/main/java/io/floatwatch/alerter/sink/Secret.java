package io.floatwatch.alerter.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A credential (a webhook URL with its token, a bearer token) named by where it lives, never by its
 * value: an environment variable, or a file such as a mounted Kubernetes Secret. A file is read on
 * every use, so a rotated Secret takes effect without a restart. {@link #toString()} names the source
 * only, so a secret cannot reach a log line by accident.
 */
public final class Secret {

    private final String env;
    private final Path file;
    private final Map<String, String> environment;

    private Secret(String env, Path file, Map<String, String> environment) {
        if ((env == null) == (file == null)) {
            throw new IllegalArgumentException("a secret comes from exactly one of an environment variable or a file");
        }
        this.env = env;
        this.file = file;
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public static Secret fromEnv(String name) {
        return new Secret(Objects.requireNonNull(name, "name"), null, System.getenv());
    }

    /** For tests: {@code name} is looked up in {@code environment} instead of the process environment. */
    public static Secret fromEnv(String name, Map<String, String> environment) {
        return new Secret(Objects.requireNonNull(name, "name"), null, environment);
    }

    public static Secret fromFile(Path file) {
        return new Secret(null, Objects.requireNonNull(file, "file"), Map.of());
    }

    /** The value, trimmed (files usually end with a newline); fails naming the source, not the value. */
    public String value() {
        String value;
        if (env != null) {
            value = environment.get(env);
            if (value == null) {
                throw new IllegalStateException("environment variable " + env + " is not set");
            }
        } else {
            try {
                value = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read secret file " + file + ": " + e.getClass().getSimpleName(), e);
            }
        }
        value = value.trim();
        if (value.isEmpty()) {
            throw new IllegalStateException(this + " is empty");
        }
        return value;
    }

    @Override
    public String toString() {
        return env != null ? "secret from environment variable " + env : "secret from file " + file;
    }
}

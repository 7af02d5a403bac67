package io.floatwatch.alerter.sink;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Where a sink's URL or bearer token comes from: exactly one of a plain value, an environment variable or a file. A
 * plain value is only for what is no secret (Alertmanager's in-cluster URL); the config only accepts a webhook URL or a
 * token from a variable or a file, so a secret never sits in a ConfigMap.
 */
public record ValueSource(String value, String env, String file) {

    public ValueSource {
        int given = (value == null ? 0 : 1) + (env == null ? 0 : 1) + (file == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("a value comes from exactly one of a plain value, an environment variable or a file");
        }
    }

    public static ValueSource plain(String value) {
        return new ValueSource(value, null, null);
    }

    public static ValueSource fromEnv(String name) {
        return new ValueSource(null, name, null);
    }

    public static ValueSource fromFile(String path) {
        return new ValueSource(null, null, path);
    }

    /**
     * The value as a sink reads it on every send (a rotated Secret file takes effect), read once now so that a missing
     * variable or file stops the start with a message naming it, never its value, instead of failing at the first page.
     *
     * @throws SecretUnusable when the variable is unset, the file unreadable, or either empty
     */
    public Supplier<String> checked() {
        if (value != null) {
            return () -> value;
        }
        Secret secret = env != null ? Secret.fromEnv(env) : Secret.fromFile(Path.of(file));
        try {
            secret.value();
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new SecretUnusable(e.getMessage(), e);
        }
        return secret::value;
    }

    /** A sink's secret cannot be read; the message names its source only. */
    public static final class SecretUnusable extends RuntimeException {
        SecretUnusable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

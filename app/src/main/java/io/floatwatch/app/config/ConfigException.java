package io.floatwatch.app.config;

import java.util.List;

/** Everything wrong with a config file, one line per problem: {@code path: what is wrong (what is allowed)}. */
public class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super("invalid config " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

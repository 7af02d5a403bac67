package io.floatwatch.app;

import io.floatwatch.app.config.ConfigLoader;
import io.floatwatch.app.config.RuntimeConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code -c/--config} option every command that reads a config file shares. A bad file
 * throws {@link io.floatwatch.app.config.ConfigException}, which {@link Floatwatch} prints and
 * turns into exit code 2 for every command alike.
 */
final class ConfigFile {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "YAML config file")
    Path path;

    RuntimeConfig load() {
        return ConfigLoader.load(path);
    }

    /** @param kafkaGiven the command line brings the broker, so the file need not name one */
    RuntimeConfig load(boolean kafkaGiven) {
        return ConfigLoader.load(path, kafkaGiven);
    }
}

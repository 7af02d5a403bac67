package io.floatwatch.app;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.floatwatch.app.config.ConfigException;
import io.floatwatch.app.config.ConfigLoader;
import io.floatwatch.app.config.RuntimeConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code floatwatch check-config -c file.yaml}: every error, or the effective config with secrets redacted. For CI. */
@Command(name = "check-config", description = "Validate a config file; print every problem, or the effective config.")
final class CheckConfigCommand implements Callable<Integer> {

    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|jaas|credential|key).*");

    @Option(names = {"-c", "--config"}, required = true, description = "YAML config file")
    Path config;

    @Override
    public Integer call() throws Exception {
        RuntimeConfig c;
        try {
            c = ConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.println("# " + config + " is valid. Effective config (defaults applied, secrets redacted):");
        System.out.print(YAMLMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS).build()
                .writeValueAsString(redacted(c)));
        return 0;
    }

    static RuntimeConfig redacted(RuntimeConfig c) {
        Map<String, String> props = new TreeMap<>();
        c.kafkaProperties().forEach((k, v) -> props.put(k, SECRET.matcher(k).matches() ? "<redacted>" : v));
        return new RuntimeConfig(c.bootstrapServers(), props, c.accounts(), c.endpoints(), c.collector(), c.analyzer(),
                c.alerter(), c.httpHost(), c.httpPort(), c.clients());
    }

}

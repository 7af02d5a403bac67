package io.floatwatch.app;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.floatwatch.app.config.RuntimeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code floatwatch check-config -c file.yaml}: every error, or the effective config with secrets redacted. For CI. */
@Command(name = "check-config", description = "Validate a config file; print every problem, or the effective config.")
final class CheckConfigCommand implements Callable<Integer> {

    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|jaas|credential|key).*");

    @Mixin
    ConfigFile config;

    @Spec
    CommandSpec spec;

    @Option(names = "--embedded-kafka", paramLabel = "DIR", description = "Check the file as "
            + "`all --embedded-kafka DIR` reads it: kafka.bootstrapServers is then optional (DIR is not touched)")
    Path embeddedKafka;

    @Override
    public Integer call() throws Exception {
        RuntimeConfig c = config.load(embeddedKafka != null);
        PrintWriter out = spec.commandLine().getOut();
        out.println("# " + config.path + " is valid. Effective config (defaults applied, secrets redacted):");
        out.print(YAMLMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS).build()
                .writeValueAsString(redacted(c)));
        out.flush();
        return 0;
    }

    static RuntimeConfig redacted(RuntimeConfig c) {
        Map<String, String> props = new TreeMap<>();
        c.kafkaProperties().forEach((k, v) -> props.put(k, SECRET.matcher(k).matches() ? "<redacted>" : v));
        return new RuntimeConfig(c.bootstrapServers(), props, c.accounts(), c.endpoints(), c.collector(), c.analyzer(),
                c.alerter(), c.httpHost(), c.httpPort(), c.clients(), c.probe());
    }

}

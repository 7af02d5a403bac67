package io.floatwatch.collector;

import io.floatwatch.model.Scope;
import io.floatwatch.model.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The collector's immutable runtime settings; the app builds them from its YAML config after
 * validating it.
 *
 * @param scopes             (account, region) pairs to poll
 * @param endpointOverrides  per service, optionally per region; the first match wins
 * @param pollIntervals      per source name ({@code ec2.route-tables}, {@code fsx.file-systems}); others use defaultPollInterval
 * @param jitter             each wait is the interval times (1 +- jitter), so scopes do not poll in lockstep; 0..0.5
 * @param producerProperties extra Kafka producer settings (security, TLS); they cannot turn off idempotence or acks=all
 */
public record CollectorSettings(
        List<Scope> scopes,
        List<EndpointOverride> endpointOverrides,
        Map<String, Duration> pollIntervals,
        Duration defaultPollInterval,
        double jitter,
        String topic,
        String bootstrapServers,
        String clientId,
        AwsClientSettings aws,
        Map<String, String> producerProperties) {

    public CollectorSettings {
        scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
        endpointOverrides = endpointOverrides == null ? List.of() : List.copyOf(endpointOverrides);
        pollIntervals = pollIntervals == null ? Map.of() : Map.copyOf(pollIntervals);
        producerProperties = producerProperties == null ? Map.of() : Map.copyOf(producerProperties);
        Objects.requireNonNull(defaultPollInterval, "defaultPollInterval");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(aws, "aws");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must not be empty");
        }
        if (jitter < 0 || jitter > 0.5) {
            throw new IllegalArgumentException("jitter must be 0..0.5, was " + jitter);
        }
        List<Duration> all = new ArrayList<>(pollIntervals.values());
        all.add(defaultPollInterval);
        if (all.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("poll intervals must be positive: " + pollIntervals + ", default " + defaultPollInterval);
        }
    }

    /** One-minute polls, 10% jitter, the standard topic, standard retries with 5 attempts. */
    public static CollectorSettings defaults(List<Scope> scopes, String bootstrapServers) {
        return new CollectorSettings(scopes, List.of(), Map.of(), Duration.ofMinutes(1), 0.1, Topics.OBSERVATIONS,
                bootstrapServers, "floatwatch-collector", AwsClientSettings.defaults(), Map.of());
    }

    public Duration pollInterval(String source) {
        return pollIntervals.getOrDefault(source, defaultPollInterval);
    }

    public Optional<URI> endpointFor(String service, String region) {
        return endpointOverrides.stream().filter(o -> o.appliesTo(service, region)).map(EndpointOverride::endpoint).findFirst();
    }

    /** Every service in every region goes to {@code endpoint}: what the demo does with its simulated AWS. */
    public CollectorSettings withEndpointForAll(URI endpoint) {
        return withEndpointOverrides(List.of(new EndpointOverride(EndpointOverride.EC2, null, endpoint),
                new EndpointOverride(EndpointOverride.FSX, null, endpoint)));
    }

    public CollectorSettings withEndpointOverrides(List<EndpointOverride> overrides) {
        return new CollectorSettings(scopes, overrides, pollIntervals, defaultPollInterval, jitter, topic, bootstrapServers, clientId, aws,
                producerProperties);
    }

    public CollectorSettings withPollInterval(Duration interval) {
        return new CollectorSettings(scopes, endpointOverrides, pollIntervals, interval, jitter, topic, bootstrapServers, clientId, aws,
                producerProperties);
    }

    public CollectorSettings withAws(AwsClientSettings newAws) {
        return new CollectorSettings(scopes, endpointOverrides, pollIntervals, defaultPollInterval, jitter, topic, bootstrapServers, clientId,
                newAws, producerProperties);
    }

    public CollectorSettings withTopic(String newTopic) {
        return new CollectorSettings(scopes, endpointOverrides, pollIntervals, defaultPollInterval, jitter, newTopic, bootstrapServers,
                clientId, aws, producerProperties);
    }
}

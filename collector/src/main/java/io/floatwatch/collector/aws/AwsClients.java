package io.floatwatch.collector.aws;

import io.floatwatch.collector.AwsClientSettings;
import io.floatwatch.collector.CollectorSettings;
import io.floatwatch.collector.EndpointOverride;
import io.floatwatch.model.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.fsx.FSxClient;

/**
 * Builds and caches one SDK client per service and scope, all sharing one HTTP client, one
 * explicit retry strategy and one metric publisher.
 *
 * <p>Clients are keyed by scope, not region, so that per-account credentials (assume-role)
 * can be added without changing callers; today every scope uses the one credentials provider.
 */
public final class AwsClients implements AutoCloseable {

    private final CollectorSettings settings;
    private final AwsCredentialsProvider credentials;
    private final AwsCallMetrics metrics;
    private final SdkHttpClient http;
    private final Map<Scope, Ec2Client> ec2 = new ConcurrentHashMap<>();
    private final Map<Scope, FSxClient> fsx = new ConcurrentHashMap<>();

    /** Uses the SDK's default credential chain (environment, profile, web identity for IRSA, instance role). */
    public AwsClients(CollectorSettings settings, MeterRegistry registry) {
        this(settings, DefaultCredentialsProvider.builder().build(), registry);
    }

    public AwsClients(CollectorSettings settings, AwsCredentialsProvider credentials, MeterRegistry registry) {
        this.settings = settings;
        this.credentials = credentials;
        this.metrics = new AwsCallMetrics(registry);
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.aws().connectTimeout())
                .socketTimeout(settings.aws().socketTimeout())
                .build();
    }

    public Ec2Client ec2(Scope scope) {
        return ec2.computeIfAbsent(scope, s -> configure(Ec2Client.builder(), EndpointOverride.EC2, s).build());
    }

    public FSxClient fsx(Scope scope) {
        return fsx.computeIfAbsent(scope, s -> configure(FSxClient.builder(), EndpointOverride.FSX, s).build());
    }

    private <B extends AwsSyncClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B configure(
            B builder, String service, Scope scope) {
        builder.httpClient(http);
        builder.region(Region.of(scope.region()));
        builder.credentialsProvider(credentials);
        builder.overrideConfiguration(overrides(settings.aws()));
        settings.endpointFor(service, scope.region()).ifPresent(builder::endpointOverride);
        return builder;
    }

    private ClientOverrideConfiguration overrides(AwsClientSettings aws) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy(aws))
                .apiCallTimeout(aws.apiCallTimeout())
                .apiCallAttemptTimeout(aws.apiCallAttemptTimeout())
                .addMetricPublisher(metrics)
                .build();
    }

    static RetryStrategy retryStrategy(AwsClientSettings aws) {
        if (aws.retryMode() == AwsClientSettings.RetryMode.ADAPTIVE) {
            return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(aws.maxAttempts()).build();
        }
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(aws.backoffBaseDelay(), aws.maxBackoff());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(aws.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build();
    }

    @Override
    public void close() {
        ec2.values().forEach(Ec2Client::close);
        fsx.values().forEach(FSxClient::close);
        http.close();
    }
}

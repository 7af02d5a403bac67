package io.floatwatch.testkit.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.fsx.FSxClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Real SDK clients pointed at a simulator, with short backoff so retry tests stay fast. */
final class SdkClients {

    private SdkClients() {
    }

    /** Attempts per call, the first included. */
    static final int MAX_ATTEMPTS = 4;

    static Ec2Client ec2(AwsSimulator simulator, String region) {
        return ec2(simulator, region, base());
    }

    static Ec2Client ec2(AwsSimulator simulator, String region, AwsCredentialsProvider credentials) {
        return Ec2Client.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(override())
                .build();
    }

    static FSxClient fsx(AwsSimulator simulator, String region) {
        return fsx(simulator, region, base());
    }

    static FSxClient fsx(AwsSimulator simulator, String region, AwsCredentialsProvider credentials) {
        return FSxClient.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(override())
                .build();
    }

    static CloudWatchClient cloudWatch(AwsSimulator simulator, String region, AwsCredentialsProvider credentials) {
        return CloudWatchClient.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(override())
                .build();
    }

    /** STS signed with the base (long-term) credentials, as the collector's assume-role provider calls it. */
    static StsClient sts(AwsSimulator simulator, String region) {
        return StsClient.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(base())
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(override())
                .build();
    }

    private static AwsCredentialsProvider base() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
    }

    private static ClientOverrideConfiguration override() {
        BackoffStrategy fast = BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50));
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS).backoffStrategy(fast).throttlingBackoffStrategy(fast).build())
                .apiCallTimeout(Duration.ofSeconds(10))
                .build();
    }
}

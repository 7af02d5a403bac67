package io.floatwatch.testkit.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
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
        return pointed(Ec2Client.builder(), simulator, region, credentials);
    }

    static FSxClient fsx(AwsSimulator simulator, String region) {
        return fsx(simulator, region, base());
    }

    static FSxClient fsx(AwsSimulator simulator, String region, AwsCredentialsProvider credentials) {
        return pointed(FSxClient.builder(), simulator, region, credentials);
    }

    static CloudWatchClient cloudWatch(AwsSimulator simulator, String region, AwsCredentialsProvider credentials) {
        return pointed(CloudWatchClient.builder(), simulator, region, credentials);
    }

    /** STS signed with the base (long-term) credentials, as the collector's assume-role provider calls it. */
    static StsClient sts(AwsSimulator simulator, String region) {
        return pointed(StsClient.builder(), simulator, region, base());
    }

    /** Any service's client at the simulator, with the short-backoff retries of these tests. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C pointed(B builder,
            AwsSimulator simulator, String region, AwsCredentialsProvider credentials) {
        return builder.endpointOverride(simulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(credentials)
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

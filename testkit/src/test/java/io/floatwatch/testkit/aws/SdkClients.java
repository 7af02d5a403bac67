package io.floatwatch.testkit.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.fsx.FSxClient;

/** Real SDK clients pointed at a simulator, with short backoff so retry tests stay fast. */
final class SdkClients {

    private SdkClients() {
    }

    static Ec2Client ec2(AwsSimulator simulator, String region) {
        return Ec2Client.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(override())
                .build();
    }

    static FSxClient fsx(AwsSimulator simulator, String region) {
        return FSxClient.builder()
                .endpointOverride(simulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(override())
                .build();
    }

    private static ClientOverrideConfiguration override() {
        BackoffStrategy fast = BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50));
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(4).backoffStrategy(fast).throttlingBackoffStrategy(fast).build())
                .apiCallTimeout(Duration.ofSeconds(10))
                .build();
    }
}

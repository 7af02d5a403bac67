package io.floatwatch.collector;

import io.floatwatch.collector.aws.AwsClientSettings;

import io.floatwatch.collector.aws.AwsClients;
import io.floatwatch.model.Scope;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Settings and clients pointed at a simulator, with millisecond backoff so retry tests stay fast, and
 * an EC2 bucket of 20 calls/s (10 times the default) so that the route-table inventory, which waits for
 * a full bucket before each page, does not add seconds to every poll; tests of the budget set their own.
 */
public final class TestSupport {

    public static final String ACCOUNT = "123456789012";
    public static final Scope TOKYO = new Scope(ACCOUNT, "ap-northeast-1");
    public static final Scope VIRGINIA = new Scope(ACCOUNT, "us-east-1");

    private TestSupport() {
    }

    public static CollectorSettings settings(AwsSimulator simulator, String bootstrapServers, Scope... scopes) {
        return CollectorSettingsBuilder.from(CollectorSettings.defaults(List.of(scopes), bootstrapServers))
                .endpointForAll(simulator.endpoint())
                .ec2RateLimit(20, CollectorSettings.DEFAULT_EC2_BURST)
                .aws(AwsClientSettings.defaults().withRetry(AwsClientSettings.RetryMode.STANDARD, 3,
                        Duration.ofMillis(5), Duration.ofMillis(20)))
                .build();
    }

    public static AwsClients clients(CollectorSettings settings, MeterRegistry registry) {
        return new AwsClients(settings.awsAccess(), StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), registry);
    }
}

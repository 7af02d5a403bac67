package io.floatwatch.collector.aws;

import io.floatwatch.model.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.fsx.FSxClient;

/**
 * Builds and caches one SDK client per service and scope, all sharing one HTTP client, one
 * explicit retry strategy and one metric publisher.
 *
 * <p>Credentials are per account: the base provider, or a role assumed with it (cached and
 * refreshed by the SDK; renewed when AWS refuses the session as expired, with every client of the
 * account reporting refusals through an {@link ExpiredSessionInterceptor}; backed off while
 * AssumeRole fails). EC2 clients of a scope share one {@link TokenBucket}, so every
 * Describe/Search call of that account and region, retries included, stays within floatwatch's
 * share of EC2's budget.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsAccess settings;
    private final AwsCredentialsProvider credentials;
    private final AwsCallMetrics metrics;
    private final SdkHttpClient http;
    private final Map<Scope, Ec2Client> ec2 = new ConcurrentHashMap<>();
    private final Map<Scope, FSxClient> fsx = new ConcurrentHashMap<>();
    private final Map<Scope, CloudWatchClient> cloudWatch = new ConcurrentHashMap<>();
    private final Map<Scope, RateLimitInterceptor> ec2Limits = new ConcurrentHashMap<>();
    private final Map<String, AwsCredentialsProvider> accountCredentials = new ConcurrentHashMap<>();
    private final Map<String, StsClient> sts = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Function<String, String> env;

    /** Uses the SDK's default credential chain (environment, profile, web identity for IRSA, instance role). */
    public AwsClients(AwsAccess settings, MeterRegistry registry) {
        this(settings, DefaultCredentialsProvider.builder().build(), registry);
    }

    public AwsClients(AwsAccess settings, AwsCredentialsProvider credentials, MeterRegistry registry) {
        this(settings, credentials, registry, System::getenv);
    }

    /** @param env looks up environment variables (external ids); tests pass their own */
    public AwsClients(AwsAccess settings, AwsCredentialsProvider credentials, MeterRegistry registry, Function<String, String> env) {
        this.settings = settings;
        this.registry = registry;
        this.env = env;
        this.credentials = credentials;
        this.metrics = new AwsCallMetrics(registry);
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.client().connectTimeout())
                .socketTimeout(settings.client().socketTimeout())
                .build();
    }

    public Ec2Client ec2(Scope scope) {
        return ec2.computeIfAbsent(scope, s -> {
            software.amazon.awssdk.services.ec2.Ec2ClientBuilder builder = configure(Ec2Client.builder(), EndpointOverride.EC2, s, credentialsFor(s));
            builder.overrideConfiguration(overrides(s).toBuilder().addExecutionInterceptor(ec2Limit(s)).build());
            return builder.build();
        });
    }

    /**
     * For background reads of {@link #ec2(Scope)} (the route-table inventory): waits until the scope's EC2
     * bucket has a token that no other poll wants ({@link TokenBucket#acquireBackground}), takes it, and
     * returns the request override that spends it on the call's first attempt (a retry takes its token as
     * any call does). The wait happens here, outside the SDK's call and attempt timeouts.
     *
     * @param wanted once false, the wait ends with a {@link java.util.concurrent.CancellationException}
     */
    public AwsRequestOverrideConfiguration ec2Background(Scope scope, BooleanSupplier wanted) throws InterruptedException {
        return ec2Limit(scope).background(wanted);
    }

    private RateLimitInterceptor ec2Limit(Scope scope) {
        return ec2Limits.computeIfAbsent(scope, s -> new RateLimitInterceptor(
                new TokenBucket(settings.ec2CallsPerSecond(), settings.ec2Burst()), s.account(), s.region(), registry));
    }

    public FSxClient fsx(Scope scope) {
        return fsx.computeIfAbsent(scope, s -> configure(FSxClient.builder(), EndpointOverride.FSX, s, credentialsFor(s)).build());
    }

    public CloudWatchClient cloudWatch(Scope scope) {
        return cloudWatch.computeIfAbsent(scope,
                s -> configure(CloudWatchClient.builder(), EndpointOverride.CLOUDWATCH, s, credentialsFor(s)).build());
    }

    /** The account's credentials: the base ones, or its role assumed through STS in the first region asked for. */
    AwsCredentialsProvider credentialsFor(Scope scope) {
        return accountCredentials.computeIfAbsent(scope.account(), account -> AccountCredentials.of(account,
                settings.access(account).orElse(null), credentials,
                () -> sts.computeIfAbsent(account, a -> configure(StsClient.builder(), EndpointOverride.STS, scope, credentials).build()),
                env, AssumedRoleCredentials.backoff(settings.client().backoffBaseDelay(), settings.client().maxBackoff())));
    }

    private <B extends AwsSyncClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B configure(
            B builder, String service, Scope scope, AwsCredentialsProvider provider) {
        builder.httpClient(http);
        builder.region(Region.of(scope.region()));
        builder.credentialsProvider(provider);
        builder.overrideConfiguration(provider == credentials ? overrides(settings.client(), scope) : overrides(scope));
        settings.endpointFor(service, scope.region()).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** The overrides of a client of {@code scope}: with an assumed role, its refusals and acceptances reach the role's credentials. */
    private ClientOverrideConfiguration overrides(Scope scope) {
        ClientOverrideConfiguration base = overrides(settings.client(), scope);
        return credentialsFor(scope) instanceof AssumedRoleCredentials role
                ? base.toBuilder().addExecutionInterceptor(new ExpiredSessionInterceptor(role)).build()
                : base;
    }

    private ClientOverrideConfiguration overrides(AwsClientSettings aws, Scope scope) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy(aws))
                .apiCallTimeout(aws.apiCallTimeout())
                .apiCallAttemptTimeout(aws.apiCallAttemptTimeout())
                .addMetricPublisher(metrics.forScope(scope))
                .build();
    }

    /** Every AWS request counter the scopes will use, at 0 before the first call ({@code ec2:DescribeVpcs} form). */
    public void preRegister(java.util.List<Scope> scopes, java.util.List<String> actions) {
        for (Scope scope : scopes) {
            for (String action : actions) {
                int colon = action.indexOf(':');
                if (colon > 0) {
                    metrics.preRegister(scope, action.substring(0, colon), action.substring(colon + 1));
                }
            }
        }
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
        cloudWatch.values().forEach(CloudWatchClient::close);
        accountCredentials.values().forEach(p -> {
            if (p instanceof AutoCloseable c && p != credentials) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing a credentials cache cannot fail in a way worth reporting
                }
            }
        });
        sts.values().forEach(StsClient::close);
        http.close();
    }
}

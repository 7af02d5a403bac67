package io.floatwatch.collector.aws;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What the AWS client layer needs and nothing more: how to call (retries, timeouts), how fast EC2 may be
 * called per account and region, which roles to assume, and where each service answers. The collector's
 * settings hand out this view, so {@code aws/} depends on nothing above it.
 *
 * @param client            retries and timeouts of every SDK client
 * @param ec2CallsPerSecond refill of the token bucket every EC2 call of one (account, region) takes
 * @param ec2Burst          capacity of that bucket
 * @param accounts          the accounts read through an assumed role; others use the base credentials
 * @param endpointOverrides service endpoints other than AWS's (a simulator, a VPC endpoint)
 */
public record AwsAccess(AwsClientSettings client, double ec2CallsPerSecond, int ec2Burst, List<AccountAccess> accounts,
        List<EndpointOverride> endpointOverrides) {

    public AwsAccess {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        endpointOverrides = endpointOverrides == null ? List.of() : List.copyOf(endpointOverrides);
    }

    public Optional<AccountAccess> access(String accountId) {
        return accounts.stream().filter(a -> a.accountId().equals(accountId)).findFirst();
    }

    public Optional<URI> endpointFor(String service, String region) {
        return endpointOverrides.stream().filter(o -> o.appliesTo(service, region)).map(EndpointOverride::endpoint).findFirst();
    }
}

package io.floatwatch.collector.aws;

import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The credentials of one account: the base ones, or a role assumed with them through STS.
 *
 * <p>The SDK's assume-role provider caches the session and refreshes it before it expires
 * (prefetch), so an account costs one AssumeRole per session, not per call; {@link AssumedRoleCredentials}
 * around it renews a session AWS refuses as expired earlier than that and backs off while AssumeRole
 * fails. A missing external id fails every call of that account with a message naming the variable,
 * and nothing else.
 */
final class AccountCredentials {

    static final String SESSION_NAME = "floatwatch";

    private AccountCredentials() {
    }

    /** @param backoff between AssumeRole attempts after failures, and between renewals of refused sessions */
    static AwsCredentialsProvider of(String account, AccountAccess access, AwsCredentialsProvider base, Supplier<StsClient> sts,
            Function<String, String> env, BackoffStrategy backoff) {
        if (access == null || access.roleArn() == null) {
            return base;
        }
        String externalId = null;
        if (access.externalIdEnv() != null) {
            externalId = env.apply(access.externalIdEnv());
            if (externalId == null || externalId.isBlank()) {
                return new Missing("environment variable " + access.externalIdEnv() + " (the external id for " + access.roleArn()
                        + ") is not set");
            }
        }
        String id = externalId;
        StsClient client = sts.get();
        return new AssumedRoleCredentials(account, access.roleArn(), () -> StsAssumeRoleCredentialsProvider.builder()
                .stsClient(client)
                .refreshRequest(r -> r.roleArn(access.roleArn()).roleSessionName(SESSION_NAME).externalId(id))
                .build(), backoff, System::nanoTime);
    }

    /** Fails every resolve with the same reason, so the account's polls fail loudly and the others go on. */
    private record Missing(String reason) implements AwsCredentialsProvider {
        @Override
        public AwsCredentials resolveCredentials() {
            throw SdkClientException.builder().message(reason).cause(new NoAccountAccess(reason, null)).build();
        }
    }
}

package io.floatwatch.collector.aws;

import java.util.Objects;

/**
 * How the collector reaches one account.
 *
 * @param roleArn       role to assume with STS; null to use the base credentials as they are
 * @param externalIdEnv name of the environment variable holding the external id; the id itself
 *                      never appears in config or logs
 */
public record AccountAccess(String accountId, String roleArn, String externalIdEnv) {

    public AccountAccess {
        Objects.requireNonNull(accountId, "accountId");
        if (externalIdEnv != null && roleArn == null) {
            throw new IllegalArgumentException("externalIdEnv needs a roleArn (account " + accountId + ")");
        }
    }

    public static AccountAccess direct(String accountId) {
        return new AccountAccess(accountId, null, null);
    }
}

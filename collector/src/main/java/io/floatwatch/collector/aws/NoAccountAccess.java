package io.floatwatch.collector.aws;

/**
 * Marks, as the cause of the SDK exception a call fails with, that the account's credentials could not be
 * had (its role's AssumeRole is backing off after a failure, or its external id is not set), so the poll's
 * marker says {@code no_access} rather than naming the call that happened to need them.
 */
final class NoAccountAccess extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NoAccountAccess(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

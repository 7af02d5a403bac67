package io.floatwatch.collector.aws;

import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials of one account reached through STS AssumeRole: the SDK's assume-role provider,
 * which caches the session and refreshes it shortly before the Expiration STS gave it, plus the two
 * things that provider cannot do by itself.
 *
 * <p><b>Renew a session AWS refuses.</b> The SDK judges a session by its own clock and the
 * Expiration; AWS judges it by its clock. When they disagree (a clock that runs behind, a process
 * suspended past the session's end, a session cut short), every call is refused as expired while the
 * SDK keeps handing out the same session until its prefetch time, up to an hour of failed polls.
 * {@link ExpiredSessionInterceptor} reports such a refusal ({@link #EXPIRED_CODES}); the session is
 * dropped once, however many calls saw it refused, and the next call assumes the role again. A
 * session refused again right after a renewal is renewed only after a backoff, so a clock that is
 * hopelessly off does not turn every poll into an AssumeRole.
 *
 * <p><b>Back off while AssumeRole fails</b> (the role's trust policy no longer names floatwatch:
 * AccessDenied; STS unreachable): after a failure, calls fail at once with that same failure
 * (its cause, so the poll's marker names it) until a backoff has passed, growing with each failure
 * up to a cap: the {@code collector.retry} base delay and cap the SDK's own retries use. Without it,
 * every call of every source and region of the account would call STS. A success resets it.
 *
 * <p>Only one caller at a time asks STS for a new session; the others get its session or its
 * failure. Nothing here logs a secret: the role ARN and the account, never keys, tokens or the
 * external id.
 */
final class AssumedRoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    /**
     * What services answer for a request signed with an expired session: EC2 says RequestExpired
     * (400; also its answer to a request whose signing time is too far off its clock), the Query
     * services (CloudWatch, STS, IAM) ExpiredToken, the JSON services (FSx) ExpiredTokenException.
     */
    static final Set<String> EXPIRED_CODES = Set.of("RequestExpired", "ExpiredToken", "ExpiredTokenException");

    private static final Logger LOG = LoggerFactory.getLogger(AssumedRoleCredentials.class);

    private final String account;
    private final String roleArn;
    private final Supplier<? extends AwsCredentialsProvider> assume;
    private final BackoffStrategy backoff;
    private final LongSupplier nanoTime;

    /** The SDK provider holding the current session; null until first used and after a renewal. Guarded by this. */
    private AwsCredentialsProvider provider;
    /** Whether {@link #provider} has handed out a session; until then one caller at a time asks STS. Guarded by this. */
    private boolean established;
    /** Access key id of the session last handed out (not a secret); a refusal of any other session is old news. */
    private volatile String accessKeyId;
    private int assumeFailures;
    private long assumeRetryAt;
    private SdkException assumeFailure;
    private volatile int renewals;
    private long renewAllowedAt;

    /**
     * @param assume  builds a fresh SDK assume-role provider; the first resolve of each calls STS
     * @param backoff delays between AssumeRole attempts after failures, and between renewals
     */
    AssumedRoleCredentials(String account, String roleArn, Supplier<? extends AwsCredentialsProvider> assume, BackoffStrategy backoff,
            LongSupplier nanoTime) {
        this.account = account;
        this.roleArn = roleArn;
        this.assume = assume;
        this.backoff = backoff;
        this.nanoTime = nanoTime;
    }

    static BackoffStrategy backoff(Duration base, Duration cap) {
        return BackoffStrategy.exponentialDelayHalfJitter(base, cap);
    }

    String roleArn() {
        return roleArn;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        AwsCredentialsProvider current;
        synchronized (this) {
            if (assumeFailure != null && nanoTime.getAsLong() - assumeRetryAt < 0) {
                throw SdkClientException.builder()
                        .message("sts:AssumeRole of " + roleArn + " failed " + assumeFailures + " time(s) in a row; next attempt in "
                                + Duration.ofNanos(assumeRetryAt - nanoTime.getAsLong()).toMillis() + " ms")
                        .cause(assumeFailure.getCause() instanceof NoAccountAccess same ? same
                                : new NoAccountAccess("sts:AssumeRole of " + roleArn + " failed", assumeFailure)).build();
            }
            if (provider == null) {
                provider = assume.get();
            }
            current = provider;
            if (!established) {
                // The call that asks STS: under the lock, so the account's other calls wait for its session or its failure.
                return resolve(current);
            }
        }
        // Cached by the SDK, which refreshes it near its Expiration; a failed refresh lands in failed().
        return resolve(current);
    }

    private AwsCredentials resolve(AwsCredentialsProvider current) {
        AwsCredentials credentials;
        try {
            credentials = current.resolveCredentials();
        } catch (SdkException e) {
            failed(current, e);
            if (e instanceof StsException) {
                throw e;
            }
            // STS unreachable, or the SDK's provider failing otherwise: still the account's credentials, not the call's.
            throw SdkClientException.builder().message("sts:AssumeRole of " + roleArn + " failed: " + AwsCalls.reason(e))
                    .cause(new NoAccountAccess("sts:AssumeRole of " + roleArn + " failed", e)).build();
        }
        succeeded(current, credentials);
        return credentials;
    }

    private synchronized void succeeded(AwsCredentialsProvider current, AwsCredentials credentials) {
        if (current != provider) {
            return;
        }
        if (!established) {
            String until = credentials instanceof AwsSessionCredentials session && session.expirationTime().isPresent()
                    ? "; session valid until " + session.expirationTime().get() : "";
            if (assumeFailures > 0) {
                LOG.info("account {}: assumed {} again after {} failed attempt(s){}; its polls go on", account, roleArn, assumeFailures,
                        until);
            } else if (renewals > 0) {
                LOG.info("account {}: assumed {} again{}; its polls go on with the new session", account, roleArn, until);
            } else {
                LOG.info("account {}: assumed {}{}", account, roleArn, until);
            }
        }
        established = true;
        assumeFailures = 0;
        assumeFailure = null;
        accessKeyId = credentials.accessKeyId();
    }

    private synchronized void failed(AwsCredentialsProvider current, SdkException e) {
        if (current != provider) {
            return;
        }
        established = false;
        assumeFailures++;
        assumeFailure = e;
        // As the SDK numbers attempts: the first retry is attempt 2.
        Duration wait = backoff.computeDelay(assumeFailures + 1);
        assumeRetryAt = nanoTime.getAsLong() + wait.toNanos();
        LOG.warn("account {}, role {}: {} ({} failure(s) in a row); the account's polls fail at once until AssumeRole is tried "
                + "again in {} ms", account, roleArn, AwsCalls.reason(e), assumeFailures, wait.toMillis());
    }

    /**
     * A call signed with the session of {@code refusedKeyId} was refused as expired ({@code code}).
     * Drops that session, once, so the next call assumes the role again.
     */
    synchronized void refused(String refusedKeyId, String service, String operation, String code) {
        if (refusedKeyId == null || !refusedKeyId.equals(accessKeyId) || provider == null) {
            return; // an older session, already renewed (or renewing)
        }
        long now = nanoTime.getAsLong();
        if (renewals > 0 && now - renewAllowedAt < 0) {
            LOG.warn("account {}: {} {} refused the new session of {} as expired too ({}); not assuming the role again for {} ms "
                    + "(is this machine's clock right?)", account, service, operation, roleArn, code,
                    Duration.ofNanos(renewAllowedAt - now).toMillis());
            return;
        }
        renewals++;
        renewAllowedAt = now + backoff.computeDelay(renewals + 1).toNanos();
        LOG.warn("account {}: {} {} refused the session of {} as expired ({}) although the SDK still held it valid; "
                + "dropping it and assuming the role again on the next call", account, service, operation, roleArn, code);
        close(provider);
        provider = null;
        established = false;
        accessKeyId = null;
    }

    /** A call signed with the session of {@code keyId} succeeded: the session works, so renewals start afresh. */
    void accepted(String keyId) {
        if (renewals != 0 && keyId != null && keyId.equals(accessKeyId)) {
            synchronized (this) {
                renewals = 0;
            }
        }
    }

    @Override
    public synchronized void close() {
        close(provider);
        provider = null;
    }

    private static void close(AwsCredentialsProvider provider) {
        if (provider instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing a credentials cache cannot fail in a way worth reporting
            }
        }
    }

    @Override
    public String toString() {
        return "AssumedRoleCredentials(" + account + ", " + roleArn + ")";
    }
}

package io.floatwatch.collector.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sts.model.StsException;

/** The renewal and backoff rules on their own, with a hand-moved clock and a stand-in for the SDK's assume-role provider. */
class AssumedRoleCredentialsTest {

    private static final String ROLE = "arn:aws:iam::210987654321:role/floatwatch-read";
    private static final Duration BASE = Duration.ofSeconds(1);

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger assumed = new AtomicInteger();
    private final AtomicBoolean denied = new AtomicBoolean();
    /** Each provider is one AssumeRole: its session is ASIA<n>, or it fails while denied. */
    private final AssumedRoleCredentials credentials = new AssumedRoleCredentials("210987654321", ROLE, () -> {
        AwsCredentialsProvider provider = new AwsCredentialsProvider() {
            private AwsSessionCredentials session;

            @Override
            public synchronized AwsSessionCredentials resolveCredentials() {
                if (session == null) {
                    assumed.incrementAndGet();
                    if (denied.get()) {
                        throw StsException.builder().statusCode(403)
                                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("not authorized").build())
                                .build();
                    }
                    session = AwsSessionCredentials.create("ASIA" + assumed.get(), "secret", "token");
                }
                return session;
            }
        };
        return provider;
    }, BackoffStrategy.exponentialDelayWithoutJitter(BASE, Duration.ofSeconds(8)), now::get);

    private String key() {
        return credentials.resolveCredentials().accessKeyId();
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void shouldAssumeTheRoleAgainOnceWhenItsSessionIsRefusedHoweverManyCallsSawIt() {
        String first = key();
        assertThat(key()).isEqualTo(first);

        credentials.refused(first, "Ec2", "DescribeRouteTables", "RequestExpired");
        credentials.refused(first, "FSx", "DescribeFileSystems", "ExpiredTokenException");
        String second = key();
        // A refusal of the old session that arrives after the renewal changes nothing.
        credentials.refused(first, "CloudWatch", "GetMetricData", "ExpiredToken");

        assertThat(second).isNotEqualTo(first);
        assertThat(key()).isEqualTo(second);
        assertThat(assumed).hasValue(2);
    }

    @Test
    void shouldWaitBeforeRenewingASessionRefusedRightAfterARenewal() {
        credentials.refused(key(), "Ec2", "DescribeRouteTables", "RequestExpired");
        String renewed = key();

        // Refused again before any call with it succeeded: the clock may be off, so not at once.
        credentials.refused(renewed, "Ec2", "DescribeRouteTables", "RequestExpired");
        assertThat(key()).isEqualTo(renewed);
        advance(BASE.multipliedBy(2));
        credentials.refused(renewed, "Ec2", "DescribeRouteTables", "RequestExpired");
        String third = key();
        assertThat(third).isNotEqualTo(renewed);

        // A session that worked resets that: its refusal renews at once.
        credentials.accepted(third);
        credentials.refused(third, "Ec2", "DescribeRouteTables", "RequestExpired");
        assertThat(key()).isNotEqualTo(third);
        assertThat(assumed).hasValue(4);
    }

    @Test
    void shouldFailAtOnceWithTheCauseWhileAssumeRoleBacksOffAndRecoverAfterwards() {
        denied.set(true);
        assertThatThrownBy(this::key).isInstanceOf(StsException.class);
        assertThat(assumed).hasValue(1);

        // Within the backoff: no AssumeRole, the same failure as the cause, so the poll's marker still names it.
        assertThatThrownBy(this::key).isInstanceOfSatisfying(SdkClientException.class, e -> {
            assertThat(e.getCause()).isInstanceOf(NoAccountAccess.class);
            assertThat(e.getCause().getCause()).isInstanceOf(StsException.class);
            assertThat(AwsCalls.reason(e)).startsWith("sts:AssumeRole failed: AccessDenied HTTP 403");
            assertThat(AwsCalls.noAccess(e)).as("one cause for every source of the account").isTrue();
        });
        assertThat(assumed).hasValue(1);

        advance(BASE);
        assertThatThrownBy(this::key).isInstanceOf(StsException.class);
        assertThat(assumed).hasValue(2);
        // The second failure waits twice as long.
        advance(BASE);
        assertThatThrownBy(this::key).isInstanceOf(SdkClientException.class);
        assertThat(assumed).hasValue(2);

        denied.set(false);
        advance(BASE);
        assertThat(key()).isEqualTo("ASIA3");
        denied.set(true);
        assertThat(key()).as("a session in hand needs no STS").isEqualTo("ASIA3");
    }
}

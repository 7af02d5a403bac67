package io.floatwatch.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.fsx.FSxClient;
import software.amazon.awssdk.services.fsx.model.FSxException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Sessions issued by the simulated AssumeRole, as the real SDK clients see them: a real
 * Expiration, and once a session expired (on time, or early through {@link AwsSimulator#expireSessions})
 * each service refuses it in its own wire format, which the SDK parses into the code and status real
 * AWS sends and retries (or not) accordingly.
 */
class AssumedRoleSessionTest {

    private static final String REGION = "ap-northeast-1";
    private static final String ACCOUNT = "210987654321";
    private static final String OTHER_ACCOUNT = "310987654321";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/floatwatch-read";
    private static final String OTHER_ROLE = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/floatwatch-read";

    private AwsSimulator simulator;
    private StsClient sts;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start().allowRole(ROLE, null).allowRole(OTHER_ROLE, null);
        simulator.region(ACCOUNT, REGION).putRouteTable(SimRouteTable.of("rtb-role", "vpc-1", List.of(), List.of()));
        simulator.region(OTHER_ACCOUNT, REGION).putRouteTable(SimRouteTable.of("rtb-other", "vpc-2", List.of(), List.of()));
        sts = SdkClients.sts(simulator, REGION);
    }

    @AfterEach
    void stop() {
        sts.close();
        simulator.close();
    }

    private Credentials assume(String roleArn) {
        return sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("floatwatch")).credentials();
    }

    private static AwsCredentialsProvider signedWith(Credentials c) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    private long requests(String operation) {
        return simulator.requests().stream().filter(r -> r.operation().equals(operation)).count();
    }

    @Test
    void shouldIssueSessionsWithARealExpirationThatWorkInTheRolesAccount() {
        Instant before = Instant.now();
        Credentials session = assume(ROLE);

        assertThat(session.expiration()).isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
        assertThat(session.sessionToken()).isNotBlank();
        try (Ec2Client ec2 = SdkClients.ec2(simulator, REGION, signedWith(session))) {
            assertThat(ec2.describeRouteTables().routeTables()).extracting(t -> t.routeTableId()).containsExactly("rtb-role");
        }
        assertThat(simulator.liveSessions(ROLE)).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnExpiredSessionInEachServicesOwnWireFormatWhenTheAccountsSessionsExpire() {
        Credentials session = assume(ROLE);
        Credentials other = assume(OTHER_ROLE);
        try (Ec2Client ec2 = SdkClients.ec2(simulator, REGION, signedWith(session));
                FSxClient fsx = SdkClients.fsx(simulator, REGION, signedWith(session));
                CloudWatchClient cloudWatch = SdkClients.cloudWatch(simulator, REGION, signedWith(session));
                Ec2Client otherEc2 = SdkClients.ec2(simulator, REGION, signedWith(other))) {
            ec2.describeRouteTables();
            fsx.describeFileSystems();

            assertThat(simulator.expireSessions(ACCOUNT)).isEqualTo(1);
            simulator.resetFaultsAndCounts();

            // EC2: <Response><Errors><Error><Code>RequestExpired, HTTP 400. SDK v2 takes it for clock skew and retries it.
            assertThatThrownBy(ec2::describeRouteTables).isInstanceOfSatisfying(Ec2Exception.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestExpired");
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.isClockSkewException()).isTrue();
            });
            assertThat(requests("DescribeRouteTables")).as("retried with the same session").isEqualTo(SdkClients.MAX_ATTEMPTS);
            // FSx: JSON 1.1 __type ExpiredTokenException, HTTP 400; not retried.
            assertThatThrownBy(fsx::describeFileSystems).isInstanceOfSatisfying(FSxException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorMessage()).contains("security token included in the request is expired");
                assertThat(e.isClockSkewException() || e.isThrottlingException() || e.retryable()).isFalse();
            });
            assertThat(requests("DescribeFileSystems")).isEqualTo(1);
            // CloudWatch (RPC v2 CBOR since SDK 2.59): ExpiredToken from x-amzn-query-error, HTTP 400; not retried.
            assertThatThrownBy(() -> cloudWatch.getMetricData(r -> r.startTime(Instant.now().minusSeconds(600)).endTime(Instant.now())
                    .metricDataQueries(MetricDataQuery.builder().id("q0").expression("SEARCH('{AWS/VPN}', 'Maximum', 300)").build())))
                    .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
            assertThat(requests("GetMetricData")).isEqualTo(1);

            // Another account's session is not touched, and a new session of the expired account works.
            assertThat(otherEc2.describeRouteTables().routeTables()).extracting(t -> t.routeTableId()).containsExactly("rtb-other");
            try (Ec2Client renewed = SdkClients.ec2(simulator, REGION, signedWith(assume(ROLE)))) {
                assertThat(renewed.describeRouteTables().routeTables()).extracting(t -> t.routeTableId()).containsExactly("rtb-role");
            }
            assertThat(simulator.liveSessions(ROLE)).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseASessionOnceItsExpirationHasPassed() throws InterruptedException {
        simulator.credentialLifetime(Duration.ofMillis(300));
        Credentials session = assume(ROLE);
        try (FSxClient fsx = SdkClients.fsx(simulator, REGION, signedWith(session))) {
            fsx.describeFileSystems();
            Thread.sleep(Duration.between(Instant.now(), session.expiration()).toMillis() + 50);
            assertThatThrownBy(fsx::describeFileSystems).isInstanceOfSatisfying(FSxException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException"));
        }
    }

    @Test
    void shouldDenyAssumeRoleWhileTheRoleIsDeniedAndKeepEarlierSessionsUntilTheyExpire() {
        Credentials session = assume(ROLE);
        simulator.denyRole(ROLE);

        assertThatThrownBy(() -> assume(ROLE)).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.statusCode()).isEqualTo(403);
        });
        try (Ec2Client ec2 = SdkClients.ec2(simulator, REGION, signedWith(session))) {
            assertThat(ec2.describeRouteTables().routeTables()).hasSize(1);
        }

        simulator.allowRole(ROLE, null);
        assertThat(assume(ROLE).accessKeyId()).isNotEqualTo(session.accessKeyId());
        assertThat(simulator.assumeRoleCount(ROLE)).isEqualTo(3);
    }

    @Test
    void shouldRefuseAnIssuedKeySignedWithAnotherSessionsToken() {
        Credentials session = assume(ROLE);
        Credentials other = assume(OTHER_ROLE);
        AwsCredentialsProvider mixed = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(), other.sessionToken()));
        try (FSxClient fsx = SdkClients.fsx(simulator, REGION, mixed)) {
            assertThatThrownBy(fsx::describeFileSystems).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
    }
}

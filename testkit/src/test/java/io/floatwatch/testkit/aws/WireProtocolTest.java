package io.floatwatch.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.fsx.FSxClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Which wire protocol each SDK client the collector uses speaks, as the simulator received it. An SDK
 * upgrade that moves a service to another protocol fails here by name, before it fails anywhere else.
 */
class WireProtocolTest {

    private static final String REGION = "ap-northeast-1";
    private static final String ROLE = "arn:aws:iam::210987654321:role/floatwatch-read";
    private static AwsSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start();
        simulator.allowRole(ROLE, null);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static WireProtocol lastProtocol(String operation) {
        return simulator.requests().stream().filter(r -> r.operation().equals(operation)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + operation + " request reached the simulator")).protocol();
    }

    @Test
    void shouldReceiveEc2QueryWhenTheEc2ClientCalls() {
        try (Ec2Client ec2 = SdkClients.ec2(simulator, REGION)) {
            ec2.describeRouteTables();
        }
        assertThat(lastProtocol("DescribeRouteTables")).isEqualTo(WireProtocol.EC2_QUERY);
    }

    @Test
    void shouldReceiveJson11WhenTheFsxClientCalls() {
        try (FSxClient fsx = SdkClients.fsx(simulator, REGION)) {
            fsx.describeFileSystems();
        }
        assertThat(lastProtocol("DescribeFileSystems")).isEqualTo(WireProtocol.AWS_JSON_1_1);
    }

    @Test
    void shouldReceiveRpcV2CborWhenTheCloudWatchClientCalls() {
        try (CloudWatchClient cloudWatch = SdkClients.cloudWatch(simulator, REGION,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))) {
            cloudWatch.getMetricData(r -> r.startTime(Instant.now().minusSeconds(600)).endTime(Instant.now())
                    .metricDataQueries(MetricDataQuery.builder().id("q0")
                            .metricStat(s -> s.period(300).stat("Maximum").metric(m -> m.namespace("AWS/VPN").metricName("TunnelState")))
                            .build()));
        }
        assertThat(lastProtocol("GetMetricData")).isEqualTo(WireProtocol.RPC_V2_CBOR);
    }

    @Test
    void shouldReceiveQueryWhenTheStsClientCalls() {
        try (StsClient sts = SdkClients.sts(simulator, REGION)) {
            sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("wire-test"));
        }
        assertThat(lastProtocol("AssumeRole")).isEqualTo(WireProtocol.AWS_QUERY);
    }
}

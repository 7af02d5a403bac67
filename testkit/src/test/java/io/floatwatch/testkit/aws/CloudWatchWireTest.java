package io.floatwatch.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * CloudWatch through every wire the simulator speaks: the real SDK client (RPC v2 CBOR since SDK
 * 2.59), and hand-made JSON 1.0 and Query requests, all answered by the same CloudWatch.
 */
class CloudWatchWireTest {

    private static final String REGION = "eu-west-1";
    private static final String TUNNEL = "203.0.113.10";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String SIGNED = "AWS4-HMAC-SHA256 Credential=AKIDTEST/20250101/" + REGION
            + "/monitoring/aws4_request, SignedHeaders=host, Signature=0";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static AwsSimulator simulator;
    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void start() {
        simulator = AwsSimulator.start();
        cloudWatch = SdkClients.cloudWatch(simulator, REGION,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
        simulator.close();
    }

    @BeforeEach
    void reset() {
        simulator.resetFaultsAndCounts();
        simulator.pageSize(AwsSimulator.DEFAULT_PAGE_SIZE);
        simulator.region(REGION).clear();
        simulator.region(REGION).addTunnelState(TUNNEL, List.of(new SimDatapoint(T0.plusSeconds(60), 1),
                new SimDatapoint(T0.plusSeconds(120), 0), new SimDatapoint(T0.plusSeconds(180), 1)));
    }

    private static GetMetricDataRequest tunnelState() {
        return GetMetricDataRequest.builder().startTime(T0).endTime(T0.plusSeconds(600))
                .metricDataQueries(MetricDataQuery.builder().id("t0").metricStat(s -> s.period(60).stat("Maximum")
                        .metric(m -> m.namespace("AWS/VPN").metricName("TunnelState")
                                .dimensions(Dimension.builder().name("TunnelIpAddress").value(TUNNEL).build()))).build())
                .build();
    }

    @Test
    void shouldAnswerTheSdkClientInRpcV2CborWhenItSendsCbor() {
        GetMetricDataResponse response = cloudWatch.getMetricData(tunnelState());

        MetricDataResult result = response.metricDataResults().get(0);
        assertThat(result.id()).isEqualTo("t0");
        assertThat(result.timestamps()).as("newest first, tag-1 timestamps read back as instants")
                .containsExactly(T0.plusSeconds(180), T0.plusSeconds(120), T0.plusSeconds(60));
        assertThat(result.values()).containsExactly(1.0, 0.0, 1.0);
        assertThat(result.statusCode()).isEqualTo(StatusCode.COMPLETE);
        assertThat(simulator.requests()).singleElement().satisfies(r -> {
            assertThat(r.protocol()).as("the wire SDK 2.59's CloudWatch client speaks").isEqualTo(WireProtocol.RPC_V2_CBOR);
            assertThat(r.operation()).isEqualTo("GetMetricData");
            assertThat(r.region()).isEqualTo(REGION);
        });
    }

    @Test
    void shouldContinueAPartialQueryOnTheNextPageWhenTheSdkPaginatesInCbor() {
        simulator.pageSize(2);

        GetMetricDataResponse first = cloudWatch.getMetricData(tunnelState());
        GetMetricDataResponse second = cloudWatch.getMetricData(tunnelState().toBuilder().nextToken(first.nextToken()).build());

        assertThat(first.metricDataResults().get(0).statusCode()).isEqualTo(StatusCode.PARTIAL_DATA);
        assertThat(first.metricDataResults().get(0).values()).hasSize(2);
        assertThat(second.nextToken()).isNull();
        assertThat(second.metricDataResults().get(0).timestamps()).containsExactly(T0.plusSeconds(60));
        assertThat(second.metricDataResults().get(0).statusCode()).isEqualTo(StatusCode.COMPLETE);
    }

    @Test
    void shouldReportTheQueryErrorCodeWhenACborCallIsThrottled() {
        simulator.throttleNext("GetMetricData", SdkClients.MAX_ATTEMPTS);

        assertThatThrownBy(() -> cloudWatch.getMetricData(tunnelState())).isInstanceOfSatisfying(CloudWatchException.class, e -> {
            // The code the collector and the SDK's retry policy know from the Query days, via x-amzn-query-error.
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(e.isThrottlingException()).isTrue();
        });
        assertThat(simulator.requestCount("GetMetricData")).as("retried as throttling").isEqualTo(SdkClients.MAX_ATTEMPTS);
    }

    @Test
    void shouldNameTheBadParameterWhenACborRequestIsInvalid() {
        assertThatThrownBy(() -> cloudWatch.getMetricData(tunnelState().toBuilder().metricDataQueries(
                MetricDataQuery.builder().id("Upper").metricStat(tunnelState().metricDataQueries().get(0).metricStat()).build()).build()))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Upper");
                });
    }

    @Test
    void shouldAnswerTheSameDatapointsInJson10WhenAClientSendsJson() throws Exception {
        String body = """
                {"StartTime": %d, "EndTime": %d, "ScanBy": "TimestampAscending", "MetricDataQueries": [{"Id": "t0",
                 "MetricStat": {"Period": 60, "Stat": "Maximum", "Metric": {"Namespace": "AWS/VPN", "MetricName": "TunnelState",
                 "Dimensions": [{"Name": "TunnelIpAddress", "Value": "%s"}]}}}]}
                """.formatted(T0.getEpochSecond(), T0.plusSeconds(600).getEpochSecond(), TUNNEL);
        HttpResponse<String> response = send(HttpRequest.newBuilder(simulator.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "GraniteServiceVersion20100801.GetMetricData")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        JsonNode result = new ObjectMapper().readTree(response.body()).at("/MetricDataResults/0");
        List<Long> seconds = new java.util.ArrayList<>();
        result.path("Timestamps").forEach(t -> seconds.add(t.asLong()));
        assertThat(seconds).as("epoch seconds, oldest first as ScanBy asked")
                .containsExactly(T0.getEpochSecond() + 60, T0.getEpochSecond() + 120, T0.getEpochSecond() + 180);
        assertThat(result.path("Values").toString()).isEqualTo("[1.0,0.0,1.0]");
        assertThat(simulator.requests()).singleElement().extracting(AwsSimulator.Request::protocol).isEqualTo(WireProtocol.AWS_JSON_1_0);
    }

    @Test
    void shouldAnswerTheSameDatapointsInQueryXmlWhenAnOlderClientSendsAForm() throws Exception {
        String form = "Action=GetMetricData&Version=2010-08-01&StartTime=2025-01-01T00:00:00Z&EndTime=2025-01-01T00:10:00Z"
                + "&MetricDataQueries.member.1.Id=t0&MetricDataQueries.member.1.MetricStat.Period=60"
                + "&MetricDataQueries.member.1.MetricStat.Stat=Maximum&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FVPN"
                + "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=TunnelState"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=TunnelIpAddress"
                + "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=" + TUNNEL;
        HttpResponse<String> response = send(HttpRequest.newBuilder(simulator.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<member>2025-01-01T00:03:00Z</member><member>2025-01-01T00:02:00Z</member>",
                "<StatusCode>Complete</StatusCode>");
        assertThat(simulator.requests()).singleElement().extracting(AwsSimulator.Request::protocol).isEqualTo(WireProtocol.AWS_QUERY);
    }

    @Test
    void shouldNameWhatArrivedWhenTheWireIsUnknown() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(simulator.endpoint().resolve("/"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<GetMetricData/>")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("does not know this wire protocol", "application/xml", "monitoring");
        assertThat(simulator.requests()).singleElement().extracting(AwsSimulator.Request::protocol).isEqualTo(WireProtocol.UNKNOWN);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("Authorization", SIGNED).build(), HttpResponse.BodyHandlers.ofString());
    }
}

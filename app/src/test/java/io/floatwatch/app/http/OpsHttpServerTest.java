package io.floatwatch.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floatwatch.app.Metrics;
import io.floatwatch.app.health.Health;
import io.floatwatch.app.health.HealthCheck;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldAnswer503WithTheFailedCheckAndItsReasonWhenACheckFailsAnd200WhenItRecovers() throws Exception {
        AtomicReference<String> streams = new AtomicReference<>();
        AtomicReference<String> kafka = new AtomicReference<>("Kafka at broker:9092 unreachable for 42 s: timeout");
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Health health = new Health().exportTo(registry)
                .addLiveness(new HealthCheck("analyzer.streams", streams::get))
                .addReadiness(new HealthCheck("kafka", kafka::get));
        try (OpsHttpServer server = OpsHttpServer.start("127.0.0.1", 0, registry, health)) {
            assertThat(get(server, "/healthz").statusCode()).as("Kafka down is no reason to restart").isEqualTo(200);
            HttpResponse<String> ready = get(server, "/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode body = JSON.readTree(ready.body());
            assertThat(body.get("status").asText()).isEqualTo("fail");
            assertThat(body.get("failed")).extracting(JsonNode::asText).containsExactly("kafka");
            assertThat(body.toString()).contains("unreachable for 42 s");
            assertThat(get(server, "/metrics").body())
                    .contains("floatwatch_health_check_ok{check=\"kafka\",probe=\"ready\"} 0.0")
                    .contains("floatwatch_health_check_ok{check=\"analyzer.streams\",probe=\"live\"} 1.0");

            streams.set("Kafka Streams is ERROR after a stream thread failed: boom");
            HttpResponse<String> live = get(server, "/healthz");
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(live.body()).get("failed")).extracting(JsonNode::asText).containsExactly("analyzer.streams");
            assertThat(JSON.readTree(get(server, "/readyz").body()).get("failed")).extracting(JsonNode::asText)
                    .as("not alive is not ready either").containsExactly("analyzer.streams", "kafka");

            streams.set(null);
            kafka.set(null);
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(OpsHttpServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

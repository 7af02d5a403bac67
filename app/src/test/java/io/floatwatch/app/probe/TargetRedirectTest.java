package io.floatwatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test-only redirect can only aim at loopback, and probes nothing it does not map. */
class TargetRedirectTest {

    @Test
    void shouldRefuseARedirectWhenItsDestinationIsNotLoopback() {
        assertThatThrownBy(() -> TargetRedirect.loopbackOnly(Map.of("10.0.0.5:2049", "10.0.0.6:2049")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> TargetRedirect.loopbackOnly(Map.of("10.0.0.5:2049", "localhost:2049")))
                .hasMessageContaining("literal 127.x.y.z:port");
    }

    @Test
    void shouldProbeNothingUnmappedWhenARedirectIsActive() {
        TargetRedirect r = TargetRedirect.loopbackOnly(Map.of("10.0.0.5:2049", "127.0.0.9:12049"));

        assertThat(r.destination("10.0.0.5", 2049).getAddress().isLoopbackAddress()).isTrue();
        assertThat(r.destination("10.0.0.5", 2049).getPort()).isEqualTo(12049);
        assertThat(r.destination("10.0.0.5", 111)).as("unmapped port").isNull();
        assertThat(r.destination("10.0.0.6", 2049)).as("unmapped address").isNull();
    }

    @Test
    void shouldProbeTheEndpointItselfWithoutARedirect() {
        assertThat(TargetRedirect.none().destination("10.0.0.5", 2049).getAddress().getHostAddress()).isEqualTo("10.0.0.5");
    }
}

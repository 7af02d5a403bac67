package io.floatwatch.app.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpService;

/**
 * app/pom.xml leaves the SDK's Apache and Netty clients out of the production artifact. The SDK still
 * needs one HTTP implementation it can find by itself: the default credentials chain builds its own
 * STS client for IRSA's web identity token, without the client the collector configures.
 */
class SdkHttpClientTest {

    @Test
    void shouldFindExactlyTheUrlConnectionClientWhenTheSdkLooksForADefault() {
        assertThat(ServiceLoader.load(SdkHttpService.class).stream().map(p -> p.type().getName()).toList())
                .containsExactly("software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService");
    }
}

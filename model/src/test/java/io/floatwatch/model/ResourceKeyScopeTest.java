package io.floatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceKeyScopeTest {

    @ParameterizedTest
    @ValueSource(strings = {"111122223333/eu-west-1/rtb-0abc", "111122223333/eu-west-1/_poll/route-tables",
            "a/b/c", "a/b//", "a/b/c/d/e", "111122223333/us-gov-west-1/fs-0123456789abcdef0"})
    void shouldTakeTheScopeThatParsingTheKeyGives(String key) {
        assertThat(ResourceKey.regionOf(key)).isEqualTo(ResourceKey.parse(key).partitionKey());
        assertThat(ResourceKey.scopeIdOf(key)).isEqualTo(ResourceKey.parse(key).scope().id());
    }

    @Test
    void shouldAgreeWithParsingOnRandomKeys() {
        Random random = new Random(7);
        String alphabet = "ab/-_0";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder key = new StringBuilder();
            for (int n = random.nextInt(9); n > 0; n--) {
                key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String k = key.toString();
            String parsed;
            try {
                parsed = ResourceKey.parse(k).partitionKey();
            } catch (IllegalArgumentException e) {
                assertThatThrownBy(() -> ResourceKey.regionOf(k)).as(k).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(e.getMessage());
                continue;
            }
            assertThat(ResourceKey.regionOf(k)).as(k).isEqualTo(parsed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nokey", "/eu-west-1/x", "a//x", "a/b/", "a/b"})
    void shouldRefuseAMalformedKeyAsParsingDoes(String key) {
        assertThatThrownBy(() -> ResourceKey.regionOf(key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("account/region/resource-id");
    }
}

package io.floatwatch.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestTierTest {

    @Test
    void shouldRefuseABrokerWithWhatToDoWhenATestOfTheUnitTierStartsOne() {
        assertThat(System.getProperty(TestTier.PROPERTY)).as("Surefire marks the unit tier").isEqualTo("unit");

        assertThatThrownBy(KafkaBrokers::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("name the test class *IT");
        assertThatThrownBy(RestartableKafkaBroker::start).isInstanceOf(IllegalStateException.class);
    }
}

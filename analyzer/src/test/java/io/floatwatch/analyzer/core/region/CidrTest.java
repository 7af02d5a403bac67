package io.floatwatch.analyzer.core.region;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void shouldParseBlocksAndHostsAndMaskHostBits() {
        assertThat(Cidr.parse("10.0.0.0/16")).contains(new Cidr(0x0A000000L, 16));
        assertThat(Cidr.parse(" 10.0.255.231 ")).contains(new Cidr(0x0A00FFE7L, 32));
        assertThat(Cidr.parse("10.0.1.5/24")).contains(new Cidr(0x0A000100L, 24));
        assertThat(Cidr.parse("0.0.0.0/0")).contains(new Cidr(0, 0));
        assertThat(Cidr.parse("255.255.255.255/32")).contains(new Cidr(0xFFFFFFFFL, 32));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/1a", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3",
        "::/0", "2001:db8::/32", "pl-0123abcd", "10.0.0.0/16/1", "1.2.3.4/008", "1234.1.1.1", "-1.2.3.4", "1.2.3.4 /24"})
    void shouldRefuseWhatIsNotAnIpv4Block(String text) {
        assertThat(Cidr.parse(text)).as(text).isEmpty();
    }

    @Test
    void shouldAnswerContainmentAndOverlap() {
        assertThat(Cidr.contains("10.0.0.0/16", "10.0.255.231/32")).isTrue();
        assertThat(Cidr.contains("10.0.0.0/16", "10.1.0.0/24")).isFalse();
        assertThat(Cidr.contains("10.0.1.0/24", "10.0.0.0/16")).isFalse();
        assertThat(Cidr.overlaps("10.0.1.0/24", "10.0.0.0/16")).isTrue();
        assertThat(Cidr.overlaps("10.0.255.224/28", "10.0.1.0/24")).isFalse();
        assertThat(Cidr.contains("pl-0123", "10.0.0.1/32")).isFalse();
    }
}

package io.floatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourceKeyTest {

    @Test
    void shouldPartitionByRegionOnlySoEveryAccountOfARegionMeetsInOneTask() {
        ResourceKey rtb = ResourceKey.parse("123456789012/eu-west-1/rtb-1");
        ResourceKey fs = ResourceKey.parse("210987654321/eu-west-1/fs-1");
        ResourceKey other = ResourceKey.parse("123456789012/eu-west-2/fs-1");
        assertThat(rtb.partitionKey()).isEqualTo(fs.partitionKey()).isEqualTo("eu-west-1");
        assertThat(other.partitionKey()).isEqualTo("eu-west-2");
    }

    @Test
    void shouldKeepSlashesInsideResourceIdOfPollMarkers() {
        ResourceKey marker = ResourceKey.pollMarker(new Scope("1", "eu-west-1"), "ec2.route-tables");
        assertThat(marker.value()).isEqualTo("1/eu-west-1/_poll/ec2.route-tables");
        assertThat(ResourceKey.parse(marker.value())).isEqualTo(marker);
    }

    @Test
    void shouldRejectMalformedKeys() {
        for (String bad : new String[] {"", "a", "a/b", "a/b/", "/b/c", "a//c"}) {
            assertThatThrownBy(() -> ResourceKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("account/region/resource-id");
        }
    }
}

package io.floatwatch.collector.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floatwatch.model.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopePartitionsTest {

    private static final Scope A_EU = new Scope("111111111111", "eu-west-1");
    private static final Scope A_US = new Scope("111111111111", "us-east-1");
    private static final Scope B_EU = new Scope("222222222222", "eu-west-1");

    @Test
    void shouldMapPartitionsToScopesInTheSameOrderWhateverTheConfiguredOrder() {
        ScopePartitions one = new ScopePartitions(List.of(B_EU, A_US, A_EU));
        ScopePartitions other = new ScopePartitions(List.of(A_EU, B_EU, A_US, A_EU));
        assertThat(one.count()).isEqualTo(3);
        for (int p = 0; p < 3; p++) {
            assertThat(one.scopeOf(p)).isEqualTo(other.scopeOf(p));
        }
        assertThat(one.scopeOf(0)).contains(A_EU);
        assertThat(one.partitionOf(B_EU)).isEqualTo(2);
    }

    @Test
    void shouldIgnorePartitionsBeyondTheScopesWhenTheTopicOutgrewTheConfig() {
        ScopePartitions partitions = new ScopePartitions(List.of(A_EU, B_EU));
        assertThat(partitions.scopesOf(List.of(3, 1, 2))).containsExactly(B_EU);
        assertThat(partitions.scopeOf(-1)).isEmpty();
    }

    @Test
    void shouldRefuseAScopeItDoesNotKnow() {
        assertThatThrownBy(() -> new ScopePartitions(List.of(A_EU)).partitionOf(B_EU)).hasMessageContaining("222222222222");
        assertThatThrownBy(() -> new ScopePartitions(List.of())).hasMessageContaining("no scopes");
    }
}

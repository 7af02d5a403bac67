package io.floatwatch.collector.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.Scope;
import io.floatwatch.model.observation.FileSystemObservation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlipSentinelTest {

    private static final Scope SCOPE = new Scope("123456789012", "ap-northeast-1");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static FileSystemObservation fs(String id, String deployment, List<String> tables, List<String> enis) {
        return new FileSystemObservation(SCOPE, NOW, id, "OPENZFS", deployment, "AVAILABLE", "vpc-1", "10.0.255.224/28",
                List.of("10.0.255.231"), tables, List.of("subnet-a", "subnet-b"), "subnet-a", enis, 160, null, List.of());
    }

    @Test
    void shouldWatchTheEniTheFloatingRoutesDoNotPointAtForEachMultiAzFileSystem() {
        List<FileSystemObservation> fileSystems = List.of(
                fs("fs-1", "MULTI_AZ_1", List.of("rtb-1a", "rtb-1b"), List.of("eni-1a", "eni-1b")),
                fs("fs-2", "MULTI_AZ_1", List.of("rtb-2a"), List.of("eni-2a", "eni-2b")));

        Set<String> watched = FlipSentinel.watched(fileSystems, Map.of(
                "rtb-1a", Set.of("eni-1a"), "rtb-1b", Set.of("eni-1a"), "rtb-2a", Set.of("eni-2b")));

        assertThat(watched).containsExactly("eni-1b", "eni-2a");
    }

    @Test
    void shouldWatchNothingOfAFileSystemWhoseTablesWereNotReadOrThatIsSingleAz() {
        List<FileSystemObservation> fileSystems = List.of(
                fs("fs-1", "MULTI_AZ_1", List.of("rtb-1a"), List.of("eni-1a", "eni-1b")),
                fs("fs-2", "SINGLE_AZ_1", List.of("rtb-2a"), List.of("eni-2a", "eni-2b")));

        Set<String> watched = FlipSentinel.watched(fileSystems, Map.of("rtb-2a", Set.of("eni-2a"), "rtb-other", Set.of("eni-1a")));

        assertThat(watched).isEmpty();
    }

    @Test
    void shouldWatchNeitherEniWhileTheTablesDisagree() {
        Set<String> watched = FlipSentinel.watched(List.of(fs("fs-1", "MULTI_AZ_1", List.of("rtb-1a", "rtb-1b"), List.of("eni-1a", "eni-1b"))),
                Map.of("rtb-1a", Set.of("eni-1a"), "rtb-1b", Set.of("eni-1b")));

        assertThat(watched).as("a flip half done is the focus reads' to follow").isEmpty();
    }

    @Test
    void shouldAskTwoHundredEnisPerCall() {
        assertThat(FlipSentinel.calls(0)).isZero();
        assertThat(FlipSentinel.calls(1)).isEqualTo(1);
        assertThat(FlipSentinel.calls(200)).isEqualTo(1);
        assertThat(FlipSentinel.calls(500)).isEqualTo(3);
    }
}

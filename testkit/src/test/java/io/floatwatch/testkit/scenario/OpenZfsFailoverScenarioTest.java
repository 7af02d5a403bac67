package io.floatwatch.testkit.scenario;

import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimRoute;
import io.floatwatch.testkit.aws.SimulatedRegion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenZfsFailoverScenarioTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private AwsSimulator simulator;
    private SimulatedRegion region;

    @BeforeEach
    void start() {
        simulator = AwsSimulator.start();
        region = simulator.region(REGION);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private String target(String table) {
        return region.routeTable(table).route(FLOATING_ROUTE).map(SimRoute::targetId).orElse(null);
    }

    @Test
    void shouldListStepsInTimeOrderStartingWithTheBaselineWhenAsked() {
        List<ScenarioStep> steps = steps();
        assertThat(steps.get(0).offset()).isZero();
        assertThat(steps).extracting(ScenarioStep::offset).isSorted();
        assertThat(steps).allSatisfy(s -> assertThat(s.description()).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void shouldPointBothManagedTablesAtThePreferredEniWhenTheBaselineIsInstalled() {
        playUntil(region, START, Duration.ZERO);

        assertThat(target(ROUTE_TABLE_A_ID)).isEqualTo(PREFERRED_ENI_ID);
        assertThat(target(ROUTE_TABLE_B_ID)).isEqualTo(PREFERRED_ENI_ID);
        assertThat(region.routeTable(MAIN_ROUTE_TABLE_ID).route(FLOATING_ROUTE)).isEmpty();
        assertThat(region.fileSystem(FILE_SYSTEM_ID).routeTableIds()).containsExactly(ROUTE_TABLE_A_ID, ROUTE_TABLE_B_ID);
        assertThat(region.fileSystem(FILE_SYSTEM_ID).preferredSubnetId()).isEqualTo(PREFERRED_SUBNET_ID);
        assertThat(region.fileSystem(FILE_SYSTEM_ID).throughputCapacity()).isEqualTo(THROUGHPUT_BEFORE);
    }

    @Test
    void shouldHaveBothTablesOnStandbyAboutTenMinutesAfterTheUpdateWhenPlayedToT12m() {
        playUntil(region, START, Duration.ofMinutes(11));
        assertThat(target(ROUTE_TABLE_A_ID)).isEqualTo(STANDBY_ENI_ID);
        assertThat(target(ROUTE_TABLE_B_ID)).isEqualTo(PREFERRED_ENI_ID);

        playUntil(region, START, Duration.ofMinutes(12));
        assertThat(target(ROUTE_TABLE_B_ID)).isEqualTo(STANDBY_ENI_ID);
        assertThat(SECOND_TABLE_FAILS_OVER.minus(UPDATE_REQUESTED)).isEqualTo(Duration.ofMinutes(10));
        assertThat(region.fileSystem(FILE_SYSTEM_ID).administrativeActions()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("IN_PROGRESS");
            assertThat(a.requestTime()).isEqualTo(START.plus(UPDATE_REQUESTED));
            assertThat(a.targetThroughputCapacity()).isEqualTo(THROUGHPUT_AFTER);
        });
    }

    @Test
    void shouldFailBackToThePreferredEniWithTheUpdateCompletedWhenPlayedToTheEnd() {
        playUntil(region, START, Duration.ofHours(1));

        assertThat(target(ROUTE_TABLE_A_ID)).isEqualTo(PREFERRED_ENI_ID);
        assertThat(target(ROUTE_TABLE_B_ID)).isEqualTo(PREFERRED_ENI_ID);
        assertThat(region.fileSystem(FILE_SYSTEM_ID).throughputCapacity()).isEqualTo(THROUGHPUT_AFTER);
        assertThat(region.fileSystem(FILE_SYSTEM_ID).administrativeActions()).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo("COMPLETED"));
    }
}

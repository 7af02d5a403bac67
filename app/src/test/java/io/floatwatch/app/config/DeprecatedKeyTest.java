package io.floatwatch.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floatwatch.collector.ec2.RouteTableInventorySource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code collector.routeTableInventory} became the entry {@code ec2.route-table-inventory} of {@code collector.intervals}:
 * for one release the old key still works, and says at WARN which key replaces it.
 */
class DeprecatedKeyTest {

    private static final String HEAD = """
            kafka: {bootstrapServers: "127.0.0.1:9092"}
            aws:
              accounts: [{id: "123456789012", regions: [ap-northeast-1]}]
            """;

    private final Logger logger = (Logger) LoggerFactory.getLogger(Problems.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void shouldHonourTheOldInventoryKeyAndWarnNamingTheNewOneWhenTheOldKeyIsSet() {
        RuntimeConfig c = ConfigLoader.parse(HEAD + "collector: {routeTableInventory: 20m}\n", "old.yaml");

        assertThat(c.collector().interval(RouteTableInventorySource.NAME)).isEqualTo(Duration.ofMinutes(20));
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("collector.routeTableInventory").contains("deprecated")
                .contains("collector.intervals.ec2.route-table-inventory"));
    }

    @Test
    void shouldLetTheIntervalsEntryWinAndWarnThatTheOldKeyIsIgnoredWhenBothAreSet() {
        RuntimeConfig c = ConfigLoader.parse(HEAD + """
                collector:
                  routeTableInventory: 20m
                  intervals: {ec2.route-table-inventory: 15m}
                """, "both.yaml");

        assertThat(c.collector().interval(RouteTableInventorySource.NAME)).isEqualTo(Duration.ofMinutes(15));
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("collector.routeTableInventory").contains("ignored")
                .contains("collector.intervals.ec2.route-table-inventory"));
    }

    @Test
    void shouldWarnAboutNothingWhenOnlyTheNewKeyIsSet() {
        RuntimeConfig c = ConfigLoader.parse(HEAD + "collector: {intervals: {ec2.route-table-inventory: 15m}}\n", "new.yaml");

        assertThat(c.collector().interval(RouteTableInventorySource.NAME)).isEqualTo(Duration.ofMinutes(15));
        assertThat(warnings()).isEmpty();
    }

    @Test
    void shouldKeepTheOldKeysMinimumAndNameItWhenTheOldKeyIsTooShort() {
        assertThatThrownBy(() -> ConfigLoader.parse(HEAD + "collector: {routeTableInventory: 30s}\n", "short.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("collector.routeTableInventory: 30s is below the minimum of 1m");
    }
}

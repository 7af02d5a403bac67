package io.floatwatch.alerter.metrics;

import static io.floatwatch.alerter.metrics.Records.ENI_PREFERRED;
import static io.floatwatch.alerter.metrics.Records.T0;
import static io.floatwatch.alerter.metrics.Records.event;
import static io.floatwatch.alerter.metrics.Records.firing;
import static io.floatwatch.alerter.metrics.Records.routeTarget;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.model.finding.EventType;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The README's metric table is the contract dashboards and alert rules are written against. */
class ReadmeDocumentsMetricsTest {

    @Test
    void shouldDocumentEveryExportedSeriesAndLabelWhenTheAlerterSeesAFailover() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AlerterMetrics metrics = new AlerterMetrics(registry);
        PipelineMetrics pipeline = new PipelineMetrics(registry);
        metrics.apply(routeTarget("rtb-1", ENI_PREFERRED, "preferred", T0));
        metrics.apply(event(EventType.FAILOVER_STARTED, T0, null, "started"));
        metrics.apply(event(EventType.FAILOVER_CONVERGED, T0, 598_000L, "converged"));
        metrics.apply(event(EventType.FAILBACK_COMPLETED, T0, 3_000_000L, "back"));
        Finding f = firing(FindingType.FSX_FAILED_OVER, T0, "failed over");
        metrics.apply(f.id(), f);
        pipeline.record("floatwatch.events", PipelineMetrics.APPLIED);
        pipeline.notification("log", PipelineMetrics.SENT);

        String readme = Files.readString(Path.of("README.md"));
        Set<String> undocumented = new TreeSet<>();
        for (String line : registry.scrape().split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String name = line.replaceAll("[{ ].*", "");
            if (!readme.contains("`" + name + "`") && !readme.contains("`" + name.replaceAll("_(count|sum|max)$", "") + "`")) {
                undocumented.add(name);
            }
            String labels = line.contains("{") ? line.substring(line.indexOf('{') + 1, line.lastIndexOf('}')) : "";
            for (String pair : labels.split(",(?=[a-z_]+=\")")) {
                if (!pair.isBlank() && !readme.contains("`" + pair.substring(0, pair.indexOf('=')) + "`")) {
                    undocumented.add(name + " label " + pair.substring(0, pair.indexOf('=')));
                }
            }
        }
        assertThat(undocumented).as("series or labels missing from alerter/README.md").isEmpty();
    }
}

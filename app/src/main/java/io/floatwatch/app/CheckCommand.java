package io.floatwatch.app;

import io.floatwatch.analyzer.core.SnapshotJudgement;
import io.floatwatch.analyzer.runtime.AnalyzerSettings;
import io.floatwatch.app.check.ConfigWithoutKafka;
import io.floatwatch.app.check.JsonReport;
import io.floatwatch.app.check.JunitReport;
import io.floatwatch.app.check.OnePoll;
import io.floatwatch.app.check.Readiness;
import io.floatwatch.app.check.ReadinessReport;
import io.floatwatch.app.check.TextReport;
import io.floatwatch.app.config.RuntimeConfig;
import io.floatwatch.app.role.AnalyzerRole;
import io.floatwatch.app.role.CollectorRole;
import io.floatwatch.model.Scope;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code floatwatch check -c floatwatch.yaml}: one poll of every source, no Kafka, the analyzer's rules over that
 * snapshot, and a readiness report per file system and declared client. The config is the one the roles run with;
 * its {@code kafka} section may be left out. Exit 0 ready, 1 not ready, 2 a config or
 * access error (a bad config reaches {@link Floatwatch}'s handler, which prints it and returns 2).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Poll every AWS source once (no Kafka), judge the snapshot and report whether each file system's "
                + "declared clients will survive its next failover.",
                "Exit 0: ready. 1: a problem would break a client on failover, or a path cannot be proven. "
                        + "2: a config error, or an AWS read failed (access denied: the account, call and IAM action are named)."})
final class CheckCommand implements Callable<Integer> {

    enum Format { text, json, junit }

    @Mixin
    ConfigFile config;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (for a person), json, or junit (JUnit XML for CI). Default ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--verbose", description = "Keep the collector's log lines (they go to standard output with the report).")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RuntimeConfig c = ConfigWithoutKafka.load(config.path);
        if (!verbose) {
            // Failed reads are in the report, each with its fix; log lines would only break the JSON or XML on stdout.
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.OFF);
        }
        ReadinessReport report;
        try {
            report = judge(c);
        } catch (RuntimeException e) {
            // Exit 1 means "not ready" to a pipeline: a check that could not run must not say that, nor 0.
            spec.commandLine().getErr().println("floatwatch check could not run: " + e);
            return io.floatwatch.app.check.ReadinessPolicy.CANNOT_TELL;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(switch (format) {
            case text -> TextReport.render(report);
            case json -> JsonReport.render(report);
            case junit -> JunitReport.render(report);
        });
        out.flush();
        return report.exitCode();
    }

    /** One poll of every source, the analyzer's rules over it, and the report. */
    private static ReadinessReport judge(RuntimeConfig c) {
        Clock clock = Clock.systemUTC();
        OnePoll.Polled polled = OnePoll.run(CollectorRole.settings(c), null, clock);
        AnalyzerSettings analyzer = AnalyzerRole.settings(c);
        SnapshotJudgement.Result judged = SnapshotJudgement.judge(polled.observations(), analyzer.policy(), analyzer.rules(),
                analyzer.clients(), analyzer.watched());
        Map<String, String> roles = new HashMap<>();
        c.accounts().stream().filter(a -> a.roleArn() != null).forEach(a -> roles.put(a.id(), a.roleArn()));
        return Readiness.report(analyzer.watched(), analyzer.clients(), polled.observations(), judged, roles, polled.calls());
    }
}

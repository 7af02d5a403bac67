package io.floatwatch.app;

import io.floatwatch.app.config.ConfigException;
import io.floatwatch.app.role.Role;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one executable: {@code floatwatch collector|analyzer|alerter|all|check-config|check}. The
 * {@code demo} command lives in the floatwatch-demo artifact, which adds it to this command line,
 * so the production jar carries no simulated AWS and no embedded broker.
 */
@Command(name = "floatwatch", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Watches the floating IPs of Multi-AZ Amazon FSx and the paths in front of them.",
        commandListHeading = "%nCommands:%n")
public final class Floatwatch {

    private Floatwatch() {
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Floatwatch());
        role(cli, "collector", "Poll AWS and publish observations to Kafka.", EnumSet.of(Role.COLLECTOR));
        role(cli, "analyzer", "Turn observations into findings and events.", EnumSet.of(Role.ANALYZER));
        role(cli, "alerter", "Turn findings into metrics and notifications.", EnumSet.of(Role.ALERTER));
        role(cli, "all", "Run collector, analyzer and alerter in this process.", Role.all());
        role(cli, "probe", "Probe the endpoints of one declared client's file systems (TCP handshakes) and publish what"
                + " the client feels.", EnumSet.of(Role.PROBE));
        cli.addSubcommand("check-config", new CheckConfigCommand());
        cli.addSubcommand("check", new CheckCommand());
        // A bad config is the user's to fix, not a crash: the problems, each with its path, and exit 2.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println(e.getMessage());
                return 2;
            }
            // Equally the operator's to fix (a port taken, a secret missing): the message names the setting.
            if (e instanceof StartupProblem) {
                commandLine.getErr().println("floatwatch: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }

    private static void role(CommandLine cli, String name, String description, Set<Role> roles) {
        EmbeddedKafkaOptions embedded = new EmbeddedKafkaOptions();
        CommandLine sub = new CommandLine(new RunCommand(roles, embedded));
        sub.getCommandSpec().usageMessage().description(description);
        sub.getCommandSpec().mixinStandardHelpOptions(true);
        // Only `all` gets a broker of its own: a role alone shares the cluster with the other roles.
        if (roles.equals(Role.all())) {
            sub.addMixin("embeddedKafka", embedded);
        }
        cli.addSubcommand(name, sub);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

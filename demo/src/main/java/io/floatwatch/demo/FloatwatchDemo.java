package io.floatwatch.demo;

import io.floatwatch.app.Floatwatch;
import picocli.CommandLine;

/**
 * The demo executable: every command of the production CLI plus {@code demo}. It is a separate
 * artifact because the demo needs the test kit (a simulated AWS account and an embedded Kafka
 * broker), which must never ship in the production image.
 */
public final class FloatwatchDemo {

    private FloatwatchDemo() {
    }

    public static CommandLine commandLine() {
        CommandLine cli = Floatwatch.commandLine();
        cli.addSubcommand("demo", new DemoCommand());
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

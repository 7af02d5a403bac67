package io.floatwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FloatwatchDemoTest {

    @Test
    void shouldOfferTheDemoBesideEveryProductionCommandWhenRunFromTheDemoArtifact() {
        StringWriter out = new StringWriter();
        CommandLine cli = FloatwatchDemo.commandLine();
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("--help")).isEqualTo(0);
        assertThat(out.toString()).contains("collector", "analyzer", "alerter", "all", "check-config", "demo");
        assertThat(cli.getSubcommands()).containsKeys("demo", "check-config", "collector");
    }
}

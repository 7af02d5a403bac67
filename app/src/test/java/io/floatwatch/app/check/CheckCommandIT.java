package io.floatwatch.app.check;

import static io.floatwatch.app.check.CheckEstate.CLIENTS;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FLOATING_IP;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.FILE_SYSTEM_ID;
import static io.floatwatch.testkit.scenario.OpenZfsFailoverScenario.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.testkit.aws.AwsSimulator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, point 1: {@code floatwatch check -c floatwatch.yaml} against the simulated AWS on the real wire
 * protocols, no Kafka. A ready estate passes; each problem class alone fails with the problem and its fix named.
 */
class CheckCommandIT {

    @Test
    void shouldExitZeroAndShowEveryPathWithItsHopsAndTheMountAdviceWhenTheEstateIsReady(@TempDir Path dir) throws Exception {
        try (AwsSimulator aws = AwsSimulator.start()) {
            CheckEstate.install(aws.region(REGION));
            CheckRun run = CheckRun.of(dir, CheckEstate.config(aws.accountId(), null, aws.endpoint(), CLIENTS));
            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.out()).as("%s", run).contains("READY").contains(FILE_SYSTEM_ID)
                    .contains("app-a -> " + FLOATING_IP).contains("app-tgw -> " + FLOATING_IP)
                    .contains("MOUNT THE IP, NOT THE DNS NAME")
                    .containsPattern("client app-tgw .*NXDOMAIN.* mount " + FLOATING_IP.replace(".", "\\.") + ", not the DNS name")
                    .doesNotContain("client app-a reaches");
            assertThat(run.out()).as("the calls made and their cost").contains("AWS CALLS MADE").contains("DescribeRouteTables")
                    .contains("DescribeFileSystems").contains("free").containsPattern("total: \\d+ requests, \\$0");
        }
    }
}

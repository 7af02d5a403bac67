package io.floatwatch.collector;

import static io.floatwatch.collector.TestSupport.TOKYO;
import static io.floatwatch.collector.TestSupport.VIRGINIA;
import static org.assertj.core.api.Assertions.assertThat;

import io.floatwatch.collector.ec2.RouteTableInventorySource;
import io.floatwatch.collector.ec2.SubnetSource;
import io.floatwatch.testkit.aws.AwsSimulator;
import io.floatwatch.testkit.aws.SimRouteTable;
import io.floatwatch.testkit.aws.SimSubnet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The EC2 token bucket per account and region, both priorities, counted at the simulator. */
class RateLimitTest {

    private static final double RATE = 10;
    private static final int BURST = 2;

    @Test
    void shouldKeepEc2CallsOfOneScopeWithinTheBucketWhenSourcesPollAtOnce() throws Exception {
        try (Estate estate = new Estate(s -> CollectorSettingsBuilder.from(s).ec2RateLimit(RATE, BURST).build(), TOKYO, VIRGINIA)) {
            for (String region : List.of(TOKYO.region(), VIRGINIA.region())) {
                for (int i = 0; i < 12; i++) {
                    estate.simulator.region(region).putSubnet(new SimSubnet(String.format("subnet-%017x", i), "vpc-1", "10.1." + i + ".0/24", region + "a"));
                }
            }
            estate.simulator.pageSize(1);
            SubnetSource subnets = new SubnetSource(estate.clients);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                // Two pollers per scope at once: they share the scope's bucket.
                List<Future<?>> polls = List.of(pool.submit(() -> subnets.fetch(TOKYO)), pool.submit(() -> subnets.fetch(TOKYO)),
                        pool.submit(() -> subnets.fetch(VIRGINIA)), pool.submit(() -> subnets.fetch(VIRGINIA)));
                for (Future<?> f : polls) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            for (String region : List.of(TOKYO.region(), VIRGINIA.region())) {
                assertWithinBucket(estate, region, 28);
            }
        }
    }

    @Test
    void shouldKeepTheRouteTableInventoryWithinTheSameBucketWhilePollsRunBesideIt() throws Exception {
        try (Estate estate = new Estate(s -> CollectorSettingsBuilder.from(s).ec2RateLimit(RATE, BURST).build(), TOKYO)) {
            var region = estate.simulator.region(TOKYO.region());
            for (int i = 0; i < 12; i++) {
                region.putSubnet(new SimSubnet(String.format("subnet-%017x", i), "vpc-1", "10.1." + i + ".0/24", "ap-northeast-1a"));
                region.putRouteTable(SimRouteTable.of(String.format("rtb-1%016x", i), "vpc-1", List.of(), List.of()));
            }
            estate.simulator.pageSize(1);
            SubnetSource subnets = new SubnetSource(estate.clients);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                // The inventory (15 pages at background priority) and two subnet polls (14 pages each) at once.
                List<Future<?>> polls = List.of(pool.submit(() -> estate.collector.pollOnce(Set.of(RouteTableInventorySource.NAME))),
                        pool.submit(() -> subnets.fetch(TOKYO)), pool.submit(() -> subnets.fetch(TOKYO)));
                for (Future<?> f : polls) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(estate.simulator.requestCount("DescribeRouteTables")).isEqualTo(15);
            assertWithinBucket(estate, TOKYO.region(), 40);
        }
    }

    private static void assertWithinBucket(Estate estate, String region, int atLeast) {
        List<Long> times = estate.simulator.requests().stream()
                .filter(r -> r.region().equals(region) && r.service().equals("ec2")).map(AwsSimulator.Request::nanoTime).sorted().toList();
        assertThat(times).hasSizeGreaterThanOrEqualTo(atLeast);
        // A token bucket lets at most BURST + RATE * t calls through in any window of t seconds; a loaded
        // machine only slows calls down, so this bound holds however slow the run is. One extra for rounding.
        int maxInOneSecond = 0;
        for (int i = 0; i < times.size(); i++) {
            int j = i;
            while (j < times.size() && times.get(j) - times.get(i) < 1_000_000_000L) {
                j++;
            }
            maxInOneSecond = Math.max(maxInOneSecond, j - i);
        }
        assertThat(maxInOneSecond).as(region).isLessThanOrEqualTo((int) (BURST + RATE) + 1);
        assertThat(times.get(times.size() - 1) - times.get(0)).as(region).isGreaterThanOrEqualTo(
                (long) ((times.size() - BURST - 1) / RATE * 1e9));
    }
}

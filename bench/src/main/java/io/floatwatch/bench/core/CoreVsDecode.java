package io.floatwatch.bench.core;

import io.floatwatch.bench.codec.CodecBenchmark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The analyzer core against its own baseline: judging an observation ({@link CoreThroughputBenchmark}, the 2,000
 * declared clients) against decoding the same observations' JSON ({@link CodecBenchmark#decode}), in one run, the two
 * interleaved {@code pairs} times so a neighbour's load hits both alike. Judging should not cost more than parsing: the
 * ratio core/decode is the target (>= 1), the absolute scores are context.
 *
 * <p>Usage: {@code CoreVsDecode [--quick]}; quick is 1 warm-up and 2 measured iterations of 3 s per benchmark, one pair.
 */
public final class CoreVsDecode {

    private CoreVsDecode() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        int pairs = quick ? 1 : 2;
        List<Double> ratios = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            double decode = score(options(quick).include(CodecBenchmark.class.getName() + ".decode$"));
            double core = score(options(quick).include(CoreThroughputBenchmark.class.getName() + ".observe$").param("clients", "2000"));
            double ratio = core / decode;
            ratios.add(ratio);
            System.out.printf(Locale.ROOT, "CORE pair %d: core %,.0f obs/s/core (2,000 clients), decode %,.0f obs/s/core -> core/decode %.2f%n",
                    pair + 1, core, decode, ratio);
        }
        double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf(Locale.ROOT, "CORE RATIO core/decode = %.2f%s (target >= 1: judging an observation costs no more than "
                + "parsing it)%n", ratios.get(ratios.size() - 1), pairs > 1 ? String.format(Locale.ROOT, " (%.2f-%.2f over %d pairs)", min, max, pairs) : "");
    }

    private static ChainedOptionsBuilder options(boolean quick) {
        ChainedOptionsBuilder b = new OptionsBuilder().forks(1).threads(1).shouldFailOnError(true);
        if (quick) {
            b = b.warmupIterations(1).warmupTime(TimeValue.seconds(3)).measurementIterations(2).measurementTime(TimeValue.seconds(3));
        }
        return b;
    }

    private static double score(ChainedOptionsBuilder options) throws Exception {
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.size() != 1) {
            throw new IllegalStateException("expected one result, got " + results.size());
        }
        return results.iterator().next().getPrimaryResult().getScore();
    }
}

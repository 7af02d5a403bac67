package io.floatwatch.app.check;

import java.math.BigDecimal;
import java.util.List;

/**
 * What AWS charges for the calls of a check. EC2 and FSx Describe/Get/Search calls and STS AssumeRole are free;
 * CloudWatch GetMetricData costs $0.01 per 1,000 metrics requested (one per tunnel), whatever the window and
 * datapoints (the figures of collector/README.md's API budget).
 */
public final class CallCost {

    static final BigDecimal USD_PER_METRIC = new BigDecimal("0.00001");

    private CallCost() {
    }

    /** USD for one operation's requests. */
    public static BigDecimal of(AwsCallCount call) {
        return charged(call) ? USD_PER_METRIC.multiply(BigDecimal.valueOf(call.metrics())) : BigDecimal.ZERO;
    }

    public static BigDecimal total(List<AwsCallCount> calls) {
        return calls.stream().map(CallCost::of).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static boolean charged(AwsCallCount call) {
        return "GetMetricData".equals(call.operation());
    }

    /** {@code free}, or e.g. {@code $0.00004 (4 metrics)}. */
    static String describe(AwsCallCount call) {
        return charged(call) ? "$" + of(call).toPlainString() + " (" + call.metrics() + " metrics at $0.01 per 1,000)" : "free";
    }
}

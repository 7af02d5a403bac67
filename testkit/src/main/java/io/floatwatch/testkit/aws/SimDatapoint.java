package io.floatwatch.testkit.aws;

import java.time.Instant;

/** One CloudWatch datapoint of a simulated metric series. */
public record SimDatapoint(Instant timestamp, double value) {
}

package io.floatwatch.app.check;

/**
 * The requests of one AWS operation a check sent, retries included, as the collector's call metrics counted them.
 *
 * @param metrics for CloudWatch GetMetricData: the metrics requested (what AWS charges for); 0 otherwise
 */
public record AwsCallCount(String service, String operation, long requests, long failed, long metrics) {
}

package io.floatwatch.collector.aws;

import java.net.URI;
import java.util.Objects;

/**
 * Sends one service's calls to another endpoint, e.g. a VPC interface endpoint or the
 * simulated AWS of the demo.
 *
 * @param service {@value #EC2}, {@value #FSX}, {@value #CLOUDWATCH} or {@value #STS}
 * @param region  the region it applies to; null for every region
 */
public record EndpointOverride(String service, String region, URI endpoint) {

    public static final String EC2 = "ec2";
    public static final String FSX = "fsx";
    public static final String CLOUDWATCH = "cloudwatch";
    public static final String STS = "sts";
    public static final java.util.Set<String> SERVICES = java.util.Set.of(EC2, FSX, CLOUDWATCH, STS);

    public EndpointOverride {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("service must be one of " + new java.util.TreeSet<>(SERVICES) + ", was '" + service + "'");
        }
    }

    boolean appliesTo(String aService, String aRegion) {
        return service.equals(aService) && (region == null || region.equals(aRegion));
    }
}

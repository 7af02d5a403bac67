package io.floatwatch.collector;

import java.net.URI;
import java.util.Objects;

/**
 * Sends one service's calls to another endpoint, e.g. a VPC interface endpoint or the
 * simulated AWS of the demo.
 *
 * @param service {@value #EC2} or {@value #FSX}
 * @param region  the region it applies to; null for every region
 */
public record EndpointOverride(String service, String region, URI endpoint) {

    public static final String EC2 = "ec2";
    public static final String FSX = "fsx";

    public EndpointOverride {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!EC2.equals(service) && !FSX.equals(service)) {
            throw new IllegalArgumentException("service must be ec2 or fsx, was '" + service + "'");
        }
    }

    boolean appliesTo(String aService, String aRegion) {
        return service.equals(aService) && (region == null || region.equals(aRegion));
    }
}

package io.floatwatch.analyzer.core.failover;

/**
 * The last target reported for one floating route, so that a ROUTE_TARGET event goes out only on
 * the first sighting and on a change.
 *
 * @param targetId {@code eni-...} or another target; {@link #NONE} when the route is gone
 * @param role     preferred, standby or unknown
 * @param state    active or blackhole; null when the route is gone
 */
public record RouteSighting(String targetId, String role, String state) {
    public static final String NONE = "none";
}

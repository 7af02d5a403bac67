package io.floatwatch.analyzer.core;

import io.floatwatch.model.observation.FileSystemObservation;
import io.floatwatch.model.observation.Observation;
import io.floatwatch.model.observation.RouteTableObservation;
import io.floatwatch.model.observation.SubnetObservation;
import io.floatwatch.model.observation.VpcObservation;
import io.floatwatch.model.observation.VpnConnectionObservation;
import io.floatwatch.model.observation.VpnGatewayObservation;

/**
 * What caused an evaluation, so the rules that scan a whole VPC run only when their inputs changed.
 *
 * @param observation the new observation; null for a deletion (then every rule runs: deletions are rare)
 */
record Trigger(Observation observation) {

    static Trigger everything() {
        return new Trigger(null);
    }

    boolean mayAffectEndpointRange() {
        return observation == null || observation instanceof SubnetObservation || observation instanceof VpcObservation
                || observation instanceof FileSystemObservation;
    }

    boolean mayAffectPropagation() {
        return observation == null || observation instanceof VpnConnectionObservation
                || observation instanceof VpnGatewayObservation || observation instanceof RouteTableObservation;
    }

    /** A route table change re-judges that table only; null means all tables. */
    String routeTableOnly() {
        return observation instanceof RouteTableObservation t ? t.routeTableId() : null;
    }
}

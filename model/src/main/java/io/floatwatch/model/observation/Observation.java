package io.floatwatch.model.observation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import java.time.Instant;

/**
 * What a collector saw of one AWS resource at one time. Collectors publish observations as
 * facts, without interpretation; the analyzer decides what they mean.
 *
 * <p>{@link #observedAt()} is the event time every rule uses: never the analyzer's clock.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RouteTableObservation.class, name = "RouteTable"),
    @JsonSubTypes.Type(value = FileSystemObservation.class, name = "FileSystem"),
    @JsonSubTypes.Type(value = NetworkInterfaceObservation.class, name = "NetworkInterface"),
    @JsonSubTypes.Type(value = PollCompleted.class, name = "PollCompleted"),
    @JsonSubTypes.Type(value = VpcObservation.class, name = "Vpc"),
    @JsonSubTypes.Type(value = SubnetObservation.class, name = "Subnet"),
    @JsonSubTypes.Type(value = VpcPeeringObservation.class, name = "VpcPeering"),
    @JsonSubTypes.Type(value = TransitGatewayObservation.class, name = "TransitGateway"),
    @JsonSubTypes.Type(value = TransitGatewayAttachmentObservation.class, name = "TransitGatewayAttachment"),
    @JsonSubTypes.Type(value = TransitGatewayRouteTableObservation.class, name = "TransitGatewayRouteTable"),
    @JsonSubTypes.Type(value = VpnConnectionObservation.class, name = "VpnConnection"),
    @JsonSubTypes.Type(value = VpnGatewayObservation.class, name = "VpnGateway"),
    @JsonSubTypes.Type(value = TunnelStateObservation.class, name = "TunnelState"),
    @JsonSubTypes.Type(value = StorageVirtualMachineObservation.class, name = "StorageVirtualMachine"),
    @JsonSubTypes.Type(value = SecurityGroupObservation.class, name = "SecurityGroup"),
    @JsonSubTypes.Type(value = NetworkAclObservation.class, name = "NetworkAcl"),
    @JsonSubTypes.Type(value = ProbeObservation.class, name = "Probe"),
})
public sealed interface Observation permits RouteTableObservation, FileSystemObservation, NetworkInterfaceObservation,
        PollCompleted, VpcObservation, SubnetObservation, VpcPeeringObservation, TransitGatewayObservation,
        TransitGatewayAttachmentObservation, TransitGatewayRouteTableObservation, VpnConnectionObservation,
        VpnGatewayObservation, TunnelStateObservation, StorageVirtualMachineObservation, SecurityGroupObservation,
        NetworkAclObservation, ProbeObservation {

    Scope scope();

    Instant observedAt();

    /** The id that, with the scope, forms the Kafka key. */
    @JsonIgnore
    String resourceId();

    @JsonIgnore
    default ResourceKey key() {
        return new ResourceKey(scope(), resourceId());
    }
}

package io.floatwatch.model.observation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.floatwatch.model.Scope;
import io.floatwatch.model.json.RecordCodec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ObservationRegistryTest {

    private static final Scope S = new Scope("123456789012", "ap-northeast-1");
    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void shouldRegisterEveryObservationKindForJsonWhenOneIsAdded() {
        Set<Class<?>> permitted = Set.of(Observation.class.getPermittedSubclasses());
        Set<Class<?>> registered = Arrays.stream(Observation.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::value).collect(Collectors.toSet());
        assertThat(registered).isEqualTo(permitted);
    }

    @Test
    void shouldRoundTripEveryNetworkObservationKind() {
        List<Observation> all = List.of(
                new VpcObservation(S, T, "vpc-1", "123456789012", List.of("10.0.0.0/16", "100.64.0.0/16")),
                new SubnetObservation(S, T, "subnet-1", "vpc-1", "10.0.1.0/24", "ap-northeast-1a", 250),
                new VpcPeeringObservation(S, T, "pcx-1", "active",
                        new VpcPeeringObservation.Side("123456789012", "ap-northeast-1", "vpc-1", List.of("10.0.0.0/16")),
                        new VpcPeeringObservation.Side("210987654321", "ap-northeast-1", "vpc-2", List.of("10.1.0.0/16"))),
                new TransitGatewayObservation(S, T, "tgw-1", "123456789012", "available", 64512L, "tgw-rtb-1", "tgw-rtb-1"),
                new TransitGatewayAttachmentObservation(S, T, "tgw-attach-1", "tgw-1", "vpc", "vpc-1", "123456789012",
                        "available", "tgw-rtb-1", List.of("subnet-1")),
                new TransitGatewayRouteTableObservation(S, T, "tgw-rtb-1", "tgw-1", List.of("tgw-attach-1"),
                        List.of("tgw-attach-2"), List.of("10.0.255.231/32"),
                        List.of(new TransitGatewayRouteTableObservation.TgwRoute("10.0.0.0/16", "propagated", "active",
                                List.of("tgw-attach-1"))), false),
                new VpnConnectionObservation(S, T, "vpn-1", "available", "cgw-1", null, "tgw-1", false, List.of(),
                        List.of(new VpnConnectionObservation.Tunnel("203.0.113.10", "UP", "2 BGP ROUTES", T, 2,
                                        "169.254.10.0/30", 65000L, null),
                                new VpnConnectionObservation.Tunnel("203.0.113.11", "DOWN", "IPSEC IS UP", T, 0,
                                        "169.254.11.0/30", 65000L, null))),
                new VpnGatewayObservation(S, T, "vgw-1", "available", 64512L, List.of("vpc-1")),
                new TunnelStateObservation(S, T, "203.0.113.10", "vpn-1", 1.0, T.minusSeconds(300)),
                new StorageVirtualMachineObservation(S, T, "svm-1", "fs-1", "svm1", List.of("10.0.15.231"),
                        List.of("10.0.15.239"), List.of("10.0.15.239"), List.of("10.0.8.5", "10.0.9.214")),
                new SecurityGroupObservation(S, T, "sg-1", "vpc-1", "fsx", List.of(
                        new SecurityGroupObservation.Rule("sgr-1", false, "tcp", 2049, 2049, "10.1.0.0/16", null, null, null),
                        new SecurityGroupObservation.Rule("sgr-2", false, "-1", null, null, null, null, "sg-2", null),
                        new SecurityGroupObservation.Rule("sgr-3", true, "-1", null, null, "0.0.0.0/0", null, null, null))),
                new NetworkAclObservation(S, T, "acl-1", "vpc-1", true, List.of(
                        new NetworkAclObservation.Entry(100, false, "6", 2049, 2049, "10.1.0.0/16", true),
                        new NetworkAclObservation.Entry(32767, false, "-1", null, null, "0.0.0.0/0", false)),
                        List.of("subnet-1")),
                new NetworkInterfaceObservation(S, T, "eni-1", "subnet-1", "vpc-1", "ap-northeast-1a", "interface",
                        "ENI for FSx fs-1", List.of("10.0.1.10"), List.of("sg-1")));
        for (Observation o : all) {
            assertThat(RecordCodec.observations().decode(RecordCodec.observations().encode(o))).as(o.toString()).isEqualTo(o);
            assertThat(o.key().value()).startsWith("123456789012/ap-northeast-1/");
        }
        assertThat(all.stream().map(Object::getClass).collect(Collectors.toSet())).hasSize(all.size());
    }
}

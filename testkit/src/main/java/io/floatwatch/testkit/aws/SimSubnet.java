package io.floatwatch.testkit.aws;

/** A simulated subnet; the simulator keeps subnets so ENIs and tables can be checked against them. */
public record SimSubnet(String subnetId, String vpcId, String cidrBlock, String availabilityZone) {
}

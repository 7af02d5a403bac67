package io.floatwatch.testkit.aws;

/**
 * The AWS wire protocols the simulator speaks, named as the services' Smithy models name them. Each
 * received request records the one it arrived in ({@link AwsSimulator.Request#protocol()}), so a test
 * can say which protocol an SDK client used, and an SDK upgrade that moves a service to another
 * protocol shows up as a failed assertion instead of a silently different code path.
 */
public enum WireProtocol {
    /** EC2's own Query flavour: form-encoded {@code Action}, XML with lowercase elements and {@code item}. */
    EC2_QUERY,
    /** The Query protocol of CloudWatch (SDKs up to about 2.40) and STS: form-encoded, XML with {@code member}. */
    AWS_QUERY,
    /** JSON 1.0: {@code X-Amz-Target: <service>.<operation>}, {@code application/x-amz-json-1.0}. */
    AWS_JSON_1_0,
    /** JSON 1.1 (FSx): {@code X-Amz-Target}, {@code application/x-amz-json-1.1}. */
    AWS_JSON_1_1,
    /** Smithy RPC v2 CBOR: {@code POST /service/<service>/operation/<operation>}, {@code smithy-protocol: rpc-v2-cbor}. */
    RPC_V2_CBOR,
    /** Nothing the simulator recognises; answered with an error that names what arrived. */
    UNKNOWN
}

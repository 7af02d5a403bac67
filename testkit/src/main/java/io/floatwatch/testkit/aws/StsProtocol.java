package io.floatwatch.testkit.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * STS AssumeRole over the Query protocol ({@code Version=2011-06-15}). A role is assumable only
 * once a test allowed it ({@link AwsSimulator#allowRole}); any other role, or a wrong external id,
 * answers 403 AccessDenied as STS does. Issued access keys are remembered so that later calls
 * signed with them land in the role's account.
 */
final class StsProtocol {

    static final String VERSION = "2011-06-15";
    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    /** roleArn -> the external id it requires (empty when none). */
    private final Map<String, Optional<String>> roles = new ConcurrentHashMap<>();
    /** issued access key id -> account id. */
    private final Map<String, String> issued = new ConcurrentHashMap<>();
    private final Map<String, Integer> assumeCounts = new ConcurrentHashMap<>();
    private volatile java.time.Duration lifetime = java.time.Duration.ofHours(1);
    private final Clock clock = Clock.systemUTC();

    void allow(String roleArn, String externalId) {
        roles.put(roleArn, Optional.ofNullable(externalId));
    }

    void lifetime(java.time.Duration value) {
        lifetime = value;
    }

    Optional<String> accountOf(String accessKeyId) {
        return Optional.ofNullable(accessKeyId == null ? null : issued.get(accessKeyId));
    }

    int assumeCount(String roleArn) {
        return assumeCounts.getOrDefault(roleArn, 0);
    }

    SimResponse handle(Map<String, String> params) {
        try {
            if (!VERSION.equals(params.get("Version"))) {
                throw new SimulatedError(400, "InvalidParameterValue", "Version '" + params.get("Version") + "' is not supported.");
            }
            if (!"AssumeRole".equals(params.get("Action"))) {
                throw new SimulatedError(400, "InvalidAction", "Could not find operation " + params.get("Action") + " for version " + VERSION);
            }
            return SimResponse.of(200, QueryXml.XML, assumeRole(params));
        } catch (SimulatedError e) {
            return error(e.status(), e.code(), e.getMessage());
        }
    }

    static SimResponse error(int status, String code, String message) {
        return QueryXml.error(NAMESPACE, status, code, message);
    }

    private String assumeRole(Map<String, String> params) {
        String roleArn = params.get("RoleArn");
        String session = params.get("RoleSessionName");
        if (roleArn == null || session == null) {
            throw new SimulatedError(400, "MissingParameter", "RoleArn and RoleSessionName are required");
        }
        assumeCounts.merge(roleArn, 1, Integer::sum);
        Optional<String> required = roles.get(roleArn);
        String denied = "User: arn:aws:sts::000000000000:assumed-role/floatwatch/caller is not authorized to perform: sts:AssumeRole on resource: "
                + roleArn;
        if (required == null) {
            throw new SimulatedError(403, "AccessDenied", denied);
        }
        if (required.isPresent() && !required.get().equals(params.get("ExternalId"))) {
            throw new SimulatedError(403, "AccessDenied", denied);
        }
        String account = roleArn.split(":")[4];
        String accessKeyId = "ASIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        issued.put(accessKeyId, account);
        int seconds = params.containsKey("DurationSeconds") ? Integer.parseInt(params.get("DurationSeconds")) : (int) lifetime.toSeconds();
        Instant expiration = clock.instant().plusSeconds(Math.min(seconds, lifetime.toSeconds()));
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        XmlWriter xml = QueryXml.open("AssumeRole", NAMESPACE)
                .open("Credentials")
                .leaf("AccessKeyId", accessKeyId)
                .leaf("SecretAccessKey", "simulated-secret-" + accessKeyId)
                .leaf("SessionToken", "simulated-session-" + accessKeyId)
                .leaf("Expiration", expiration)
                .close("Credentials")
                .open("AssumedRoleUser")
                .leaf("AssumedRoleId", "AROASIMULATED:" + session)
                .leaf("Arn", "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session)
                .close("AssumedRoleUser");
        return QueryXml.close(xml, "AssumeRole");
    }
}

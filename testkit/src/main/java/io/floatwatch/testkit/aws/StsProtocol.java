package io.floatwatch.testkit.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * STS AssumeRole over the Query protocol ({@code Version=2011-06-15}). A role is assumable only
 * once a test allowed it ({@link AwsSimulator#allowRole}); any other role, or a wrong external id,
 * answers 403 AccessDenied as STS does. Every issued session is remembered (access key, session
 * token, role, account, Expiration) so that later calls signed with it land in the role's account,
 * and are refused once the session expired: at its Expiration, or earlier when a test expires the
 * account's sessions ({@link AwsSimulator#expireSessions}).
 */
final class StsProtocol {

    /** What the services make of the credentials a request is signed with. */
    enum Validity {
        /** Not a session this STS issued (the base credentials), or one it issued and still accepts. */
        VALID,
        /** An issued session past its Expiration, or expired early by a test. */
        EXPIRED,
        /** An issued access key signed with a session token that is not its own. */
        INVALID_TOKEN
    }

    /** One issued session; {@code expiredEarly} once a test expired it before its Expiration. */
    private record Session(String roleArn, String account, String sessionToken, Instant expiration, boolean expiredEarly) {
        Session expire() {
            return new Session(roleArn, account, sessionToken, expiration, true);
        }
    }

    static final String VERSION = "2011-06-15";
    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    /** roleArn -> the external id it requires (empty when none). */
    private final Map<String, Optional<String>> roles = new ConcurrentHashMap<>();
    /** issued access key id -> its session. */
    private final Map<String, Session> issued = new ConcurrentHashMap<>();
    private final Map<String, Integer> assumeCounts = new ConcurrentHashMap<>();
    private volatile java.time.Duration lifetime = java.time.Duration.ofHours(1);
    private final Clock clock = Clock.systemUTC();

    void allow(String roleArn, String externalId) {
        roles.put(roleArn, Optional.ofNullable(externalId));
    }

    /** AssumeRole of {@code roleArn} is denied from now on; sessions issued before stay valid until they expire, as in IAM. */
    void deny(String roleArn) {
        roles.remove(roleArn);
    }

    void lifetime(java.time.Duration value) {
        lifetime = value;
    }

    Optional<String> accountOf(String accessKeyId) {
        Session session = accessKeyId == null ? null : issued.get(accessKeyId);
        return Optional.ofNullable(session == null ? null : session.account());
    }

    /** Expires every session issued so far for roles in {@code account}; returns how many were still accepted. */
    int expire(String account) {
        int expired = 0;
        for (Map.Entry<String, Session> e : issued.entrySet()) {
            Session s = e.getValue();
            if (s.account().equals(account) && !s.expiredEarly() && clock.instant().isBefore(s.expiration())) {
                e.setValue(s.expire());
                expired++;
            }
        }
        return expired;
    }

    /** Sessions issued for {@code roleArn} that would still be accepted now. */
    int liveSessions(String roleArn) {
        Instant now = clock.instant();
        return (int) issued.values().stream()
                .filter(s -> s.roleArn().equals(roleArn) && !s.expiredEarly() && now.isBefore(s.expiration())).count();
    }

    /**
     * How a request signed with {@code accessKeyId} and carrying {@code sessionToken} (the
     * {@code X-Amz-Security-Token} header, null when absent) is judged.
     */
    Validity validity(String accessKeyId, String sessionToken) {
        Session session = accessKeyId == null ? null : issued.get(accessKeyId);
        if (session == null) {
            return Validity.VALID;
        }
        if (!Objects.equals(session.sessionToken(), sessionToken)) {
            return Validity.INVALID_TOKEN;
        }
        return session.expiredEarly() || !clock.instant().isBefore(session.expiration()) ? Validity.EXPIRED : Validity.VALID;
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

    /** A call to STS itself signed with expired temporary credentials (role chaining): 403 ExpiredToken. */
    static SimResponse expiredToken() {
        return error(403, "ExpiredToken", "The security token included in the request is expired");
    }

    static SimResponse invalidToken() {
        return error(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
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
        String sessionToken = "simulated-session-" + UUID.randomUUID();
        long millis = params.containsKey("DurationSeconds")
                ? Math.min(Long.parseLong(params.get("DurationSeconds")) * 1000, lifetime.toMillis()) : lifetime.toMillis();
        Instant expiration = clock.instant().plusMillis(millis);
        issued.put(accessKeyId, new Session(roleArn, account, sessionToken, expiration, false));
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        XmlWriter xml = QueryXml.open("AssumeRole", NAMESPACE)
                .open("Credentials")
                .leaf("AccessKeyId", accessKeyId)
                .leaf("SecretAccessKey", "simulated-secret-" + accessKeyId)
                .leaf("SessionToken", sessionToken)
                .leaf("Expiration", expiration)
                .close("Credentials")
                .open("AssumedRoleUser")
                .leaf("AssumedRoleId", "AROASIMULATED:" + session)
                .leaf("Arn", "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session)
                .close("AssumedRoleUser");
        return QueryXml.close(xml, "AssumeRole");
    }
}

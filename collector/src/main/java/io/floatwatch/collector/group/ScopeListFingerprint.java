package io.floatwatch.collector.group;

import io.floatwatch.model.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a replica tells the others about the scope list it maps partitions with: how many scopes and a short hash of
 * them in partition order. Two replicas with the same fingerprint mean the same scope by the same partition; two with
 * different ones do not, and then some scopes are polled twice and others by no one.
 *
 * <p>It travels as the tail of the replica's group consumer client id ({@code ...-scopes-12-1a2b3c4d}), which the group
 * coordinator shows to anyone allowed to describe the group: no records, no topic and no permission beyond the group's
 * Read, and it is gone the moment the member leaves, so a replica compares itself only with the members there now.
 *
 * @param scopes how many scopes (partitions that stand for one)
 * @param hash   the first 8 hex digits of SHA-256 over the scope ids in partition order
 */
public record ScopeListFingerprint(int scopes, String hash) {

    private static final Pattern TAIL = Pattern.compile("-scopes-(\\d{1,9})-([0-9a-f]{8})$");

    public static ScopeListFingerprint of(ScopePartitions partitions) {
        String joined = partitions.scopesOf(IntStream.range(0, partitions.count()).boxed().toList()).stream()
                .map(Scope::id).collect(Collectors.joining("\n"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return new ScopeListFingerprint(partitions.count(), HexFormat.of().formatHex(digest, 0, 4));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The client id a member with this fingerprint joins the group with. */
    public String tag(String clientId) {
        return clientId + "-scopes-" + scopes + "-" + hash;
    }

    /**
     * The fingerprint a member's client id carries; empty for a member that carries none (a replica of an older
     * version, or another client in the group), which is not judged.
     */
    public static Optional<ScopeListFingerprint> fromClientId(String clientId) {
        Matcher m = clientId == null ? null : TAIL.matcher(clientId);
        return m != null && m.find() ? Optional.of(new ScopeListFingerprint(Integer.parseInt(m.group(1)), m.group(2))) : Optional.empty();
    }

    @Override
    public String toString() {
        return scopes + " scopes (fingerprint " + hash + ")";
    }
}

package io.floatwatch.collector.group;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Compares this replica's scope list with the other members' (pure: the members come from the group coordinator).
 */
public final class ScopeListCheck {

    /** A member of the group as the coordinator describes it. */
    public record Member(String memberId, String clientId, String host) {
    }

    /** A member that maps partitions to scopes differently from this replica. */
    public record Mismatch(Member member, ScopeListFingerprint theirs) {
    }

    private final ScopeListFingerprint own;

    public ScopeListCheck(ScopeListFingerprint own) {
        this.own = Objects.requireNonNull(own, "own");
    }

    /** The members whose fingerprint differs from this replica's; members that carry none are not judged. */
    public List<Mismatch> mismatches(Collection<Member> members) {
        return members.stream()
                .flatMap(m -> ScopeListFingerprint.fromClientId(m.clientId()).filter(f -> !f.equals(own)).map(f -> new Mismatch(m, f)).stream())
                .toList();
    }

    /** The ERROR line for on-call: both lists' sizes, who differs, and what to do. */
    public String describe(String groupId, List<Mismatch> mismatches) {
        StringBuilder s = new StringBuilder("collector group ").append(groupId).append(": ").append(mismatches.size())
                .append(" other replica(s) share the scopes with a different scope list; partition i stands for a different scope on each, so")
                .append(" some scopes are polled twice and others by no replica. This replica: ").append(own).append(";");
        for (Mismatch m : mismatches) {
            s.append(" member ").append(m.member().clientId()).append(" on ").append(m.member().host()).append(": ").append(m.theirs())
                    .append(";");
        }
        int diff = mismatches.stream().mapToInt(m -> m.theirs().scopes() - own.scopes()).filter(d -> d != 0).findFirst().orElse(0);
        if (diff != 0) {
            s.append(" (").append(Math.abs(diff)).append(" scope(s) ").append(diff > 0 ? "more" : "fewer").append(" there);");
        } else {
            s.append(" (as many scopes, but not the same ones);");
        }
        return s.append(" give every replica the same collector accounts and regions (one ConfigMap) and roll them all").toString();
    }
}

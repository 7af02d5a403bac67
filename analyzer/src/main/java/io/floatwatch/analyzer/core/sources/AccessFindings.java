package io.floatwatch.analyzer.core.sources;

import io.floatwatch.analyzer.core.region.RegionModel;
import io.floatwatch.analyzer.core.vpn.VpnFindings;
import io.floatwatch.model.Scope;
import io.floatwatch.model.finding.Finding;
import io.floatwatch.model.finding.FindingType;
import io.floatwatch.model.observation.PollCompleted;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ACCOUNT_ACCESS_FAILED: the collector could not get credentials for the account (its role cannot be
 * assumed, or AWS refuses its sessions), so every source of the scope failed for that one cause. One
 * finding for the account and region, not a DATA_STALE per source: on call has one thing to fix.
 *
 * <p>Its evidence and summary name only what is stable while the cause lasts (the sources refused and
 * the error of the first of them, by name), so it does not re-notify on every poll.
 */
public final class AccessFindings {

    private AccessFindings() {
    }

    public static void desired(Scope scope, RegionModel model, Instant at, Map<String, Finding> out) {
        List<PollCompleted> refused = model.polls().values().stream()
                .filter(p -> PollCompleted.NO_ACCESS.equals(p.outcome())).toList();
        if (refused.isEmpty()) {
            return;
        }
        Instant since = refused.stream().map(PollCompleted::observedAt).min(Instant::compareTo).orElse(at);
        PollCompleted first = refused.get(0); // the markers are sorted by source name
        String error = first.error() == null ? "" : first.error();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("sources", String.join(",", refused.stream().map(PollCompleted::source).toList()));
        evidence.put("error", error);
        String summary = scope.id() + ": floatwatch cannot read account " + scope.account() + " in " + scope.region()
                + (error.isEmpty() ? "" : " (" + error + ")") + "; every verdict that needs it is unknown, not healthy";
        VpnFindings.put(out, Finding.firing(FindingType.ACCOUNT_ACCESS_FAILED, scope.id() + "/_access",
                VpnFindings.scopeLabels(scope), since, at, evidence, summary));
    }
}

package io.floatwatch.model.observation;

import io.floatwatch.model.ResourceKey;
import io.floatwatch.model.Scope;
import java.time.Instant;

/**
 * One marker per (scope, source) and poll: how fresh the view is. A source that failed or went
 * silent shows up as stale, never as healthy.
 *
 * @param source        e.g. {@code ec2.route-tables}, {@code fsx.file-systems}
 * @param outcome       {@code ok}; {@code failed}; {@code no_access} when the account's credentials could not be had
 *                      (its role cannot be assumed, or AWS refuses its sessions): every source of the scope fails for
 *                      that one cause; {@code blocked} when the poll could not run because a source it reads from
 *                      has no successful poll (the error names it), so the cause is that source's, not this one's
 * @param resourceCount resources seen in this poll (0 when failed)
 * @param error         short reason when failed, else null
 */
public record PollCompleted(
        Scope scope,
        Instant observedAt,
        String source,
        String outcome,
        int resourceCount,
        long durationMillis,
        String error) implements Observation {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String NO_ACCESS = "no_access";
    public static final String BLOCKED = "blocked";

    @Override
    public String resourceId() {
        return ResourceKey.POLL_PREFIX + source;
    }

    public boolean ok() {
        return OK.equals(outcome);
    }
}

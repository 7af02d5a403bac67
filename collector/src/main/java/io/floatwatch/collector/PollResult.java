package io.floatwatch.collector;

import io.floatwatch.model.Scope;

/**
 * What one poll of one (scope, source) did.
 *
 * @param resourceCount resources seen (0 when failed)
 * @param published     records sent besides the marker: changed resources plus tombstones
 * @param error         the reason when the poll failed, else null
 */
public record PollResult(Scope scope, String source, boolean ok, int resourceCount, int published, String error) {
}

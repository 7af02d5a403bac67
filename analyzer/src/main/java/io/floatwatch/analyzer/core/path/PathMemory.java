package io.floatwatch.analyzer.core.path;

import java.time.Instant;

/**
 * The last verdict of one client's path to one address, and the one before it, so a finding can
 * say what changed.
 *
 * @param since for an unproven verdict: when the path became unproven, so UNVERIFIED fires only once it
 *              stays so for the grace (a fresh start, or sources read moments apart, settle within it);
 *              null otherwise and in state written before it existed
 */
public record PathMemory(PathVerdict verdict, PathVerdict previous, Instant since) {

    public PathMemory(PathVerdict verdict, PathVerdict previous) {
        this(verdict, previous, null);
    }
}

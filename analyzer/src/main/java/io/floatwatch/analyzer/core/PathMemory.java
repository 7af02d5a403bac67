package io.floatwatch.analyzer.core;

/**
 * The last verdict of one client's path to one address, and the one before it, so a finding can
 * say what changed.
 */
public record PathMemory(PathVerdict verdict, PathVerdict previous) {
}

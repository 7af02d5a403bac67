package io.floatwatch.app.role;

import io.floatwatch.app.health.Health;

/** A started role: its liveness and readiness checks, and how to stop it. */
public record RunningRole(Role role, AutoCloseable handle, Health health) {
}

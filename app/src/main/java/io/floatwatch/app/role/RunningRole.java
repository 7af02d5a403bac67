package io.floatwatch.app.role;

import java.util.function.BooleanSupplier;

/** A started role: how to ask whether it is ready, and how to stop it. */
public record RunningRole(Role role, AutoCloseable handle, BooleanSupplier ready) {
}

package io.floatwatch.app;

/**
 * A condition at start that the operator fixes (a port taken, a secret missing), not a bug: the
 * command prints its message, which names the setting to change, and exits 1 without a stack trace.
 */
public final class StartupProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupProblem(String message, Throwable cause) {
        super(message, cause);
    }
}

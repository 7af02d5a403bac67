package io.floatwatch.testkit.aws;

/** An AWS error the simulator answers with; each protocol renders it in its own wire shape. */
final class SimulatedError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    SimulatedError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}

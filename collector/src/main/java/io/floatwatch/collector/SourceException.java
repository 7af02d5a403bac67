package io.floatwatch.collector;

/** A poll that failed: which AWS operation (or mapping step) failed and a short reason for the log line. */
public final class SourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String reason;

    public SourceException(String operation, String reason, Throwable cause) {
        super(operation + ": " + reason, cause);
        this.operation = operation;
        this.reason = reason;
    }

    public String operation() {
        return operation;
    }

    public String reason() {
        return reason;
    }
}

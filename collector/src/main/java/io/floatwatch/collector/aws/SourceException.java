package io.floatwatch.collector.aws;

import io.floatwatch.model.observation.PollCompleted;

/**
 * A poll that failed: which AWS operation (or mapping step) failed, a short reason for the log line, and the
 * outcome its marker carries: {@link PollCompleted#FAILED}, {@link PollCompleted#NO_ACCESS} when the account's
 * credentials could not be had (one cause for every source of the account, reported once downstream), or
 * {@link PollCompleted#BLOCKED} when a source it reads from has no successful poll (that source's failure is the
 * cause, and is reported as such).
 */
public final class SourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String reason;
    private final String outcome;

    public SourceException(String operation, String reason, Throwable cause) {
        this(operation, reason, cause, PollCompleted.FAILED);
    }

    public SourceException(String operation, String reason, Throwable cause, String outcome) {
        super(operation + ": " + reason, cause);
        this.operation = operation;
        this.reason = reason;
        this.outcome = outcome;
    }

    /** The poll could not run because {@code upstream}, which names what to ask for, has no successful poll. */
    public static SourceException blocked(String operation, String upstream, String reason) {
        return new SourceException(operation, reason + " (blocked by " + upstream + ")", null, PollCompleted.BLOCKED);
    }

    public String operation() {
        return operation;
    }

    public String reason() {
        return reason;
    }

    /** The marker's outcome for this failure. */
    public String outcome() {
        return outcome;
    }
}

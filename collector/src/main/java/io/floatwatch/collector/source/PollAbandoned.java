package io.floatwatch.collector.source;

/**
 * A poll given up because the collector is closing (see {@link Source#stop()}): not a failure.
 * Nothing is published for it, not even a failed marker, so a restart does not report the
 * source as failed, and what it had read so far is dropped with the process.
 */
public final class PollAbandoned extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PollAbandoned(String message) {
        super(message);
    }
}

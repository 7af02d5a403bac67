package io.floatwatch.collector.publish;

/** Some records of a poll did not reach Kafka; their resources will be sent again on the next poll. */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}

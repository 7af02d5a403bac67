package io.floatwatch.model.json;

/** A record on a topic that cannot be turned into a model record; the message says why. */
public class RecordDecodingException extends RuntimeException {
    public RecordDecodingException(String message, Throwable cause) {
        super(message, cause);
    }

    public RecordDecodingException(String message) {
        super(message);
    }
}

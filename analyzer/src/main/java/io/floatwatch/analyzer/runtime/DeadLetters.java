package io.floatwatch.analyzer.runtime;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Header names on dead-letter records, so an operator can find and replay the original. */
public final class DeadLetters {

    /** Why the record was rejected, in words. */
    public static final String REASON = "floatwatch.dead-letter.reason";
    public static final String SOURCE_TOPIC = "floatwatch.dead-letter.topic";
    public static final String SOURCE_PARTITION = "floatwatch.dead-letter.partition";
    public static final String SOURCE_OFFSET = "floatwatch.dead-letter.offset";

    private DeadLetters() {
    }

    static Headers headers(Headers original, String reason, RecordMetadata source) {
        RecordHeaders headers = new RecordHeaders(original.toArray());
        headers.add(REASON, utf8(reason));
        if (source != null) {
            headers.add(SOURCE_TOPIC, utf8(source.topic()));
            headers.add(SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
            headers.add(SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        }
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

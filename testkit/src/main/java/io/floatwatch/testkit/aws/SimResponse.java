package io.floatwatch.testkit.aws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** One HTTP answer of the simulator; {@code headers} are the ones a protocol adds beyond Content-Type. */
record SimResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    SimResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    static SimResponse of(int status, String contentType, String body) {
        return new SimResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same answer cut in half: what a connection dropped mid-body looks like to a parser. */
    SimResponse truncated() {
        return new SimResponse(status, contentType, Arrays.copyOf(body, Math.max(1, body.length / 2)), headers);
    }
}

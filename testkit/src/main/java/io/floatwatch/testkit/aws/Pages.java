package io.floatwatch.testkit.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * NextToken pagination over id-sorted lists. The token names the last id returned rather than
 * an offset, so a resource added or removed between pages neither repeats nor hides another.
 */
final class Pages {

    record Page<T>(List<T> items, String nextToken) {
    }

    private Pages() {
    }

    static <T> Page<T> page(List<T> sortedById, Function<T, String> id, String nextToken, int size, String invalidTokenCode) {
        String after = decode(nextToken, invalidTokenCode);
        List<T> rest = after == null ? sortedById
                : sortedById.stream().filter(item -> id.apply(item).compareTo(after) > 0).toList();
        if (rest.size() <= size) {
            return new Page<>(rest, null);
        }
        List<T> items = rest.subList(0, size);
        return new Page<>(List.copyOf(items), encode(id.apply(items.get(size - 1))));
    }

    private static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, String invalidTokenCode) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("after:")) {
                return text.substring("after:".length());
            }
        } catch (IllegalArgumentException e) {
            // fall through: reported as AWS reports it
        }
        throw new SimulatedError(400, invalidTokenCode, "The token '" + token + "' is invalid.");
    }
}

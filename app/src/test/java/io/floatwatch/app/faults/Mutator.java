package io.floatwatch.app.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a valid document, biased towards what breaks parsers: structural characters,
 * type confusion, truncation, duplication, deep nesting and odd code points. The same seed gives
 * the same inputs, so a failure names an input that can be replayed.
 */
final class Mutator {

    private static final String[] TOKENS = {":", "{", "}", "[", "]", "-", ",", "\"", "'", "#", "&a", "*a", "!!binary",
        "!!python/object", "|", ">", "%", "@", "`", "\n", "\t", "  ", "~", "null", "true", "-1", "0", "1e400",
        "99999999999999999999999", "NaN", "\u0000", "\uFEFF", "\uD83D\uDE00", "é", "ー", "\\", "\\u0000", "<<: *a", "? ",
        "---", "...", "[]", "{}", "\"\"", "0x1F", "PT-1S", "-30s", "1h1h", "9999999d"};

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    String mutate(String text) {
        int rounds = 1 + random.nextInt(3);
        String out = text;
        for (int i = 0; i < rounds; i++) {
            out = once(out);
        }
        return out;
    }

    byte[] mutate(byte[] bytes) {
        if (random.nextInt(4) == 0) {
            byte[] copy = Arrays.copyOf(bytes, bytes.length);
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips && copy.length > 0; i++) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            return copy;
        }
        return mutate(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private String once(String s) {
        if (s.isEmpty()) {
            return token();
        }
        int at = random.nextInt(s.length() + 1);
        return switch (random.nextInt(9)) {
            case 0 -> s.substring(0, at) + token() + s.substring(at);
            case 1 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + random.nextInt(12)));
            case 2 -> s.substring(0, at);
            case 3 -> swapLines(s);
            case 4 -> duplicateLine(s);
            case 5 -> replaceValue(s);
            case 6 -> s.substring(0, at) + "[".repeat(200 + random.nextInt(2000)) + s.substring(at);
            case 7 -> s.substring(0, at) + "x".repeat(10_000) + s.substring(at);
            default -> s.substring(0, at) + (char) random.nextInt(0x3000) + s.substring(at);
        };
    }

    /** Replaces what follows one ': ' or '":' with a token of another type. */
    private String replaceValue(String s) {
        List<Integer> colons = new ArrayList<>();
        for (int i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) {
            colons.add(i);
        }
        if (colons.isEmpty()) {
            return s + token();
        }
        int c = colons.get(random.nextInt(colons.size())) + 1;
        int end = c;
        while (end < s.length() && ",}\n]".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        return s.substring(0, c) + " " + token() + s.substring(end);
    }

    private String swapLines(String s) {
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        if (lines.size() < 2) {
            return s;
        }
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        String t = lines.get(a);
        lines.set(a, lines.get(b));
        lines.set(b, t);
        return String.join("\n", lines);
    }

    private String duplicateLine(String s) {
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        int a = random.nextInt(lines.size());
        lines.add(a, lines.get(a));
        return String.join("\n", lines);
    }

    private String token() {
        return TOKENS[random.nextInt(TOKENS.length)];
    }
}

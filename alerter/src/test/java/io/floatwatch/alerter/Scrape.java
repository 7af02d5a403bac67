package io.floatwatch.alerter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text scrape, so tests can assert on series instead of substrings. */
public final class Scrape {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples = new ArrayList<>();
    private final String text;

    public Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
    }

    /** Samples of {@code name} whose labels include every entry of {@code match}. */
    public List<Sample> series(String name, Map<String, String> match) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(match.entrySet()))
                .toList();
    }

    public List<Sample> series(String name) {
        return series(name, Map.of());
    }

    /** The value of the one series matching, failing loudly when there is none or more than one. */
    public double value(String name, Map<String, String> match) {
        List<Sample> found = series(name, match);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + name + match + ", found " + found + " in:\n" + text);
        }
        return found.get(0).value();
    }

    @Override
    public String toString() {
        return text;
    }
}

package io.floatwatch.testkit.aws;

/** Just enough XML writing for EC2 responses: elements, escaped text, nulls skipped. */
final class XmlWriter {

    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    XmlWriter open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    XmlWriter open(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">");
        return this;
    }

    XmlWriter close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    XmlWriter leaf(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>').append(escape(value.toString())).append("</").append(name).append('>');
        }
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

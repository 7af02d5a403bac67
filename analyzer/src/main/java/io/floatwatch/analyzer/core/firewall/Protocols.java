package io.floatwatch.analyzer.core.firewall;

import java.util.Locale;

/**
 * IP protocols as rules spell them: security groups by name ({@code tcp}) or number, network ACLs by number as a
 * string ({@code 6}), both {@code -1} for every protocol.
 */
final class Protocols {

    private Protocols() {
    }

    static boolean all(String ruleProtocol) {
        return ruleProtocol == null || "-1".equals(ruleProtocol.trim()) || "all".equalsIgnoreCase(ruleProtocol.trim());
    }

    /** Whether a rule's protocol covers {@code wanted} ({@code tcp} or {@code udp}). */
    static boolean matches(String ruleProtocol, String wanted) {
        if (all(ruleProtocol)) {
            return true;
        }
        String p = ruleProtocol.trim().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "tcp" -> p.equals("tcp") || p.equals("6");
            case "udp" -> p.equals("udp") || p.equals("17");
            default -> p.equals(wanted);
        };
    }
}

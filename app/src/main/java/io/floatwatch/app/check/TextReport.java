package io.floatwatch.app.check;

import io.floatwatch.app.check.ReadinessPolicy.Level;
import io.floatwatch.app.check.ReadinessReport.Item;
import java.util.List;

/** The report for a person: the verdict, then a table, problems first, each with its fix; then advice and AWS calls. */
public final class TextReport {

    private TextReport() {
    }

    public static String render(ReadinessReport r) {
        StringBuilder out = new StringBuilder();
        long problems = r.at(Level.PROBLEM).size();
        long unverified = r.at(Level.UNVERIFIED).size();
        long warnings = r.at(Level.WARNING).size();
        out.append("floatwatch check: ").append(r.verdict().toUpperCase(java.util.Locale.ROOT)).append(" (")
                .append(r.fileSystems().size()).append(" Multi-AZ file system(s) in ").append(String.join(", ", r.scopes()))
                .append("; ").append(problems).append(" problem(s), ").append(unverified).append(" unverified, ")
                .append(warnings).append(" warning(s))\n");
        out.append("read: ").append(r.polls().stream().map(ReadinessReport.SourcePoll::source).distinct().count())
                .append(" source(s) x ").append(r.scopes().size()).append(" scope(s), ")
                .append(r.polls().stream().mapToInt(ReadinessReport.SourcePoll::resources).sum()).append(" resource(s), ")
                .append(r.polls().stream().filter(p -> !"ok".equals(p.outcome())).count()).append(" poll(s) failed\n");
        if (!r.readErrors().isEmpty()) {
            out.append("\nCANNOT TELL: these reads failed, so no verdict below can be trusted\n");
            for (ReadError e : r.readErrors()) {
                out.append("  ").append(e.line()).append('\n').append("    fix: ").append(e.fix()).append('\n');
            }
        }
        if (!r.fileSystems().isEmpty()) {
            out.append("\nFILE SYSTEMS\n");
            table(out, List.of("STATUS", "FILE SYSTEM", "ACCOUNT/REGION", "TYPE", "VPC", "ENDPOINT RANGE", "ROUTE TABLES"),
                    r.fileSystems().stream().map(f -> List.of(f.level().label(), f.fileSystemId(), f.account() + "/" + f.region(),
                            String.valueOf(f.type()), String.valueOf(f.vpcId()), String.valueOf(f.endpointIpAddressRange()),
                            String.join(",", f.routeTableIds()))).toList());
        }
        if (!r.clients().isEmpty()) {
            out.append("\nDECLARED CLIENTS\n");
            table(out, List.of("STATUS", "CLIENT", "VIA", "PATHS WORKING"),
                    r.clients().stream().map(c -> List.of(c.level().label(), c.client(), c.via(),
                            c.paths() == 0 ? "none judged (no Multi-AZ file system it mounts where it can reach one)"
                                    : c.working() + " of " + c.paths())).toList());
        }
        if (!r.items().isEmpty()) {
            out.append("\nCHECKS (problems first)\n");
            table(out, List.of("STATUS", "CHECK", "FILE SYSTEM", "CLIENT", "ENDPOINT", "VERDICT"),
                    r.items().stream().map(i -> List.of(i.level().label(), i.check(), dash(i.fileSystemId()),
                            dash(i.client()) + (i.via() == null ? "" : " (" + i.via() + ")"), dash(i.endpoint()),
                            dash(i.verdict()))).toList());
            out.append('\n');
            for (Item i : r.items()) {
                if (i.level() == Level.OK) {
                    continue;
                }
                out.append(i.level().label().toUpperCase(java.util.Locale.ROOT)).append("  ").append(i.check()).append(": ")
                        .append(i.summary()).append('\n');
                if (!i.hops().isEmpty()) {
                    out.append("    hops: ").append(String.join(" | ", i.hops())).append('\n');
                }
                if (i.fix() != null) {
                    out.append("    fix:  ").append(i.fix()).append('\n');
                }
            }
            List<Item> ok = r.at(Level.OK);
            if (!ok.isEmpty()) {
                out.append("\nPATHS THAT WORK\n");
                for (Item i : ok) {
                    out.append("  ").append(i.client()).append(" -> ").append(i.endpoint()).append(" of ").append(i.fileSystemId())
                            .append(": ").append(String.join(" | ", i.hops())).append('\n');
                }
            }
        }
        if (!r.advice().isEmpty()) {
            out.append("\nMOUNT THE IP, NOT THE DNS NAME\n");
            r.advice().forEach(a -> out.append("  ").append(a.advice()).append('\n'));
        }
        out.append("\nAWS CALLS MADE\n");
        table(out, List.of("SERVICE", "OPERATION", "REQUESTS", "FAILED", "COST"),
                r.calls().stream().map(c -> List.of(c.service(), c.operation(), Long.toString(c.requests()),
                        Long.toString(c.failed()), CallCost.describe(c))).toList());
        out.append("  total: ").append(r.calls().stream().mapToLong(AwsCallCount::requests).sum()).append(" requests, $")
                .append(r.costUsd().toPlainString()).append(" (EC2, FSx and STS calls are free; CloudWatch GetMetricData is"
                        + " $0.01 per 1,000 metrics)\n");
        out.append("\nexit ").append(r.exitCode()).append(": ").append(switch (r.exitCode()) {
            case ReadinessPolicy.READY -> "ready: every declared client follows the next failover";
            case ReadinessPolicy.NOT_READY -> "not ready: fix the problems above (unverified paths count: they cannot be proven)";
            default -> "cannot tell: fix the access errors above and run the check again";
        }).append('\n');
        return out.toString();
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static void table(StringBuilder out, List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        row(out, header, width);
        rows.forEach(r -> row(out, r, width));
    }

    private static void row(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < cells.size(); c++) {
            line.append(String.format("%-" + width[c] + "s", cells.get(c)));
            if (c < cells.size() - 1) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}

package io.floatwatch.app.check;

import io.floatwatch.collector.SourceRegistry;
import io.floatwatch.model.observation.PollCompleted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A poll of the check that failed, so its snapshot is not whole and no verdict can be trusted (exit 2).
 * An access error names the account, the call and the IAM action it needs.
 *
 * @param call      the AWS operation that failed, e.g. {@code DescribeRouteTables} or {@code AssumeRole}
 * @param iamAction the IAM action that call needs, e.g. {@code ec2:DescribeRouteTables}; null when unknown
 * @param access    AWS refused: the role cannot be assumed or the action is not granted
 */
public record ReadError(String account, String region, String source, String call, String iamAction, boolean access,
        String reason, String fix) {

    private static final List<String> DENIED = List.of("AccessDenied", "UnauthorizedOperation", "AccessDeniedException",
            "UnauthorizedAccess", "NotAuthorized");

    /**
     * The read errors behind the failed poll markers: one per account and region whose role could not be assumed
     * (every source fails for it), else one per failed call. Blocked polls (waiting on another source's failure)
     * add nothing: that failure is reported.
     *
     * @param roleArns the configured role per account id (absent: the default credentials' own account)
     */
    static List<ReadError> of(List<PollCompleted> markers, Map<String, String> roleArns) {
        Map<String, ReadError> out = new LinkedHashMap<>();
        for (PollCompleted m : markers) {
            if (m.ok() || PollCompleted.BLOCKED.equals(m.outcome())) {
                continue;
            }
            String account = m.scope().account();
            String region = m.scope().region();
            String error = m.error() == null ? "" : m.error();
            if (PollCompleted.NO_ACCESS.equals(m.outcome())) {
                String role = roleArns.get(account);
                out.putIfAbsent(account + "/" + region + "/sts", new ReadError(account, region, m.source(), "AssumeRole",
                        SourceRegistry.ASSUME_ROLE_ACTION, true, error,
                        "floatwatch cannot act in account " + account + (role == null ? "" : " as " + role)
                                + ": allow sts:AssumeRole on " + (role == null ? "the account's floatwatch role" : role)
                                + " for the credentials running floatwatch (the role's trust policy must name them, and the"
                                + " external id if one is set)"));
                continue;
            }
            int colon = error.indexOf(": ");
            String call = colon > 0 ? error.substring(0, colon) : "?";
            String action = iamAction(call).orElse(null);
            boolean denied = DENIED.stream().anyMatch(error::contains);
            String fix = denied
                    ? "grant " + (action == null ? "the action for " + call : action) + " to floatwatch's role in account "
                            + account + " (deploy/iam/floatwatch-read-policy.json lists every action it needs)"
                    : "check the endpoint, network and credentials for account " + account + " in " + region
                            + " and run the check again";
            out.putIfAbsent(account + "/" + region + "/" + call,
                    new ReadError(account, region, m.source(), call, action, denied, error, fix));
        }
        return new ArrayList<>(out.values());
    }

    /** The IAM action behind an operation, from the source registry's rows: e.g. DescribeVpcs -> ec2:DescribeVpcs. */
    static Optional<String> iamAction(String operation) {
        return SourceRegistry.actions().stream().filter(a -> a.substring(a.indexOf(':') + 1).equals(operation)).findFirst();
    }

    /** One line: what failed, where, and what to do. */
    public String line() {
        return (access ? "access denied" : "could not read") + ": account " + account + " " + region + ", " + call
                + (iamAction == null ? "" : " (" + iamAction + ")") + " by " + source + ": " + reason;
    }
}

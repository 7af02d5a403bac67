package io.floatwatch.app.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which roles the collector may be told to assume: the ones the shipped IAM policy lets it assume.
 * deploy/iam/floatwatch-read-policy.json grants {@code sts:AssumeRole} on
 * {@code arn:aws:iam::*:role/floatwatch-*} and no other role, so a config naming another role would
 * pass every check and then fail with AccessDenied at the first poll; it is refused here instead,
 * with the reason. (IamPolicyTest holds the policy's resource to {@link #POLICY_RESOURCE}.)
 */
final class AssumableRole {

    /** Role names the shipped policy's AssumeRole statement covers. */
    static final String NAME_PREFIX = "floatwatch-";
    /** The shipped policy's {@code sts:AssumeRole} resource. */
    static final String POLICY_RESOURCE = "arn:aws:iam::*:role/" + NAME_PREFIX + "*";

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(.+)");

    private AssumableRole() {
    }

    /** Everything wrong with {@code roleArn} as the role to read account {@code accountId} with; empty when nothing is. */
    static List<String> problems(String path, String roleArn, String accountId) {
        Matcher m = ROLE_ARN.matcher(roleArn);
        if (!m.matches()) {
            return List.of(path + ": '" + roleArn + "' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }
        String roleAccount = m.group(1);
        String name = m.group(2);
        if (accountId != null && accountId.matches("\\d{12}") && !roleAccount.equals(accountId)) {
            return List.of(path + ": '" + roleArn + "' is a role in account " + roleAccount + ", but it is listed to read account "
                    + accountId + " (the role to assume lives in the account it reads)");
        }
        if (name.contains("/") || !name.startsWith(NAME_PREFIX) || name.length() == NAME_PREFIX.length()) {
            return List.of(path + ": role '" + name + "' cannot be assumed with the shipped IAM policy, which allows sts:AssumeRole on "
                    + POLICY_RESOURCE + " only (deploy/iam; name the member-account role " + NAME_PREFIX + "..., without a path)");
        }
        return List.of();
    }
}

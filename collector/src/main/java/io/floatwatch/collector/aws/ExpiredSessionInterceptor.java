package io.floatwatch.collector.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Tells an account's {@link AssumedRoleCredentials} how AWS judged the session a call was signed
 * with: refused as expired (after the SDK's retries, which reuse the same session), or accepted.
 * The session is named by the access key id of the signed request, so a refusal that arrives after
 * another call already renewed the session changes nothing.
 */
final class ExpiredSessionInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<String> ACCESS_KEY_ID = new ExecutionAttribute<>("floatwatch.signingAccessKeyId");
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

    private final AssumedRoleCredentials credentials;

    ExpiredSessionInterceptor(AssumedRoleCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        // The signed request: its Authorization header names the access key (not a secret) of the session used.
        context.httpRequest().firstMatchingHeader("Authorization").map(CREDENTIAL::matcher).filter(Matcher::find)
                .ifPresent(m -> attributes.putAttribute(ACCESS_KEY_ID, m.group(1)));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        credentials.accepted(attributes.getAttribute(ACCESS_KEY_ID));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        for (Throwable t = context.exception(); t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException e && e.awsErrorDetails() != null
                    && AssumedRoleCredentials.EXPIRED_CODES.contains(e.awsErrorDetails().errorCode())) {
                credentials.refused(attributes.getAttribute(ACCESS_KEY_ID), attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), e.awsErrorDetails().errorCode());
                return;
            }
        }
    }
}

package io.floatwatch.collector.aws;

import io.floatwatch.model.observation.PollCompleted;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.StsException;

/** Runs one AWS operation (all its pages) and turns an SDK failure into a {@link SourceException} naming it. */
public final class AwsCalls {

    private AwsCalls() {
    }

    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new SourceException(operation, reason(e), e, noAccess(e) ? PollCompleted.NO_ACCESS : PollCompleted.FAILED);
        }
    }

    /**
     * Whether the call failed because the account's credentials could not be had: its role could not be assumed
     * (an STS error, or the backoff after one), an external id is missing, or AWS refused the session as expired.
     * Every source of the account fails for this one cause, so its markers say so and it is reported once.
     */
    static boolean noAccess(SdkException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StsException || t instanceof NoAccountAccess) {
                return true;
            }
            if (t instanceof AwsServiceException service && service.awsErrorDetails() != null
                    && AssumedRoleCredentials.EXPIRED_CODES.contains(service.awsErrorDetails().errorCode())) {
                return true;
            }
        }
        return false;
    }

    static String reason(SdkException e) {
        // A role that cannot be assumed surfaces inside whichever call needed the credentials: name STS, not that call.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StsException sts && sts.awsErrorDetails() != null) {
                return "sts:AssumeRole failed: " + sts.awsErrorDetails().errorCode() + " HTTP " + sts.statusCode()
                        + (sts.awsErrorDetails().errorMessage() == null ? "" : ": " + oneLine(sts.awsErrorDetails().errorMessage()));
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoAccountAccess noAccess) {
                // Without the changing "next attempt in" of the backoff, so the reason stays the same while it lasts.
                Throwable cause = noAccess.getCause();
                return noAccess.getMessage() + (cause instanceof SdkException sdk ? ": " + reason(sdk)
                        : cause == null ? "" : ": " + oneLine(String.valueOf(cause.getMessage())));
            }
        }
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            String hint = service.isThrottlingException() ? " (throttled beyond retries)"
                    : "RequestExpired".equals(code) ? " (expired credentials or clock skew)"
                    : AssumedRoleCredentials.EXPIRED_CODES.contains(code) ? " (expired credentials)" : "";
            return code + " HTTP " + service.statusCode() + hint + (message == null ? "" : ": " + oneLine(message));
        }
        return e.getClass().getSimpleName() + ": " + oneLine(String.valueOf(e.getMessage()));
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}

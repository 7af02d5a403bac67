package io.floatwatch.alerter.sink;

import java.time.Duration;
import java.util.Objects;

/**
 * The Alertmanager sink as configured ({@code alerter.alertmanager}).
 *
 * @param url            Alertmanager's base URL; plain is fine, it is usually an in-cluster service name
 * @param bearerToken    null for none
 * @param timeout        how long one POST may take
 * @param resendInterval how often a firing alert is posted again (see {@link AlertmanagerNotifier})
 * @param generatorUrl   where a person clicks through from the alert (a dashboard); null for none
 */
public record AlertmanagerSettings(ValueSource url, ValueSource bearerToken, Duration timeout, Duration resendInterval,
        String generatorUrl) {

    public AlertmanagerSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(resendInterval, "resendInterval");
    }
}

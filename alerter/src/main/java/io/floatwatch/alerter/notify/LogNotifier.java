package io.floatwatch.alerter.notify;

import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints each notification as one line on the logger {@value #LOGGER}, so a deployment can route
 * on-call lines apart from the alerter's own diagnostics.
 */
public final class LogNotifier implements Notifier {

    public static final String LOGGER = "floatwatch.notifications";

    private final Consumer<String> sink;

    public LogNotifier() {
        Logger log = LoggerFactory.getLogger(LOGGER);
        this.sink = log::info;
    }

    /** Writes lines to {@code sink} instead of the logger; for tests and for a console demo. */
    public LogNotifier(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void send(Notification notification) {
        sink.accept(OneLineFormat.format(notification));
    }
}

package io.floatwatch.alerter.notify;

import io.floatwatch.model.finding.Finding;
import java.util.List;

/**
 * Several sinks handed over as one {@link Notifier}, so callers that take one notifier (the app's
 * pipeline, the demo) need not change. {@link Dispatcher} unpacks it and retries and counts each sink
 * on its own: one broken webhook neither delays nor repeats a delivery to the others.
 */
public record Sinks(List<Sink> all) implements Notifier, AutoCloseable {

    public Sinks {
        all = List.copyOf(all);
    }

    public static Sinks of(Sink... sinks) {
        return new Sinks(List.of(sinks));
    }

    /** Sends to every accepting sink once, without retries; {@link Dispatcher} is the normal path. */
    @Override
    public void send(Notification notification) throws Exception {
        Exception first = null;
        for (Sink sink : all) {
            if (!sink.accepts().test(notification)) {
                continue;
            }
            try {
                sink.notifier().send(notification);
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void observe(String id, Finding finding) {
        all.forEach(s -> s.notifier().observe(id, finding));
    }

    @Override
    public void reset() {
        all.forEach(s -> s.notifier().reset());
    }

    @Override
    public void restored() {
        all.forEach(s -> s.notifier().restored());
    }

    @Override
    public void close() {
        for (Sink sink : all) {
            if (sink.notifier() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Closing happens on shutdown; nothing useful is left to do with the error.
                }
            }
        }
    }
}

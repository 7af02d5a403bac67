package io.floatwatch.collector.source;

import io.floatwatch.collector.aws.SourceException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Mapping helpers shared by sources: a resource that cannot be mapped fails the poll, naming the resource. */
public final class Sources {

    private Sources() {
    }

    public static <R, O> List<O> mapEach(String operation, List<R> items, Function<R, String> id, Function<R, O> mapper) {
        List<O> out = new ArrayList<>(items.size());
        for (R item : items) {
            try {
                out.add(mapper.apply(item));
            } catch (RuntimeException e) {
                throw new SourceException(operation, "unexpected item " + id.apply(item) + ": " + e, e);
            }
        }
        return out;
    }
}

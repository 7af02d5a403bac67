package io.floatwatch.model;

/**
 * The Kafka key of one AWS resource: {@code account/region/resource-id}.
 *
 * <p>One key per resource lets log compaction keep only the latest state, and a tombstone
 * (null value) under the key records the deletion. Partitioning uses only the
 * {@link Scope} prefix so that one analyzer task always sees a whole region.
 */
public record ResourceKey(Scope scope, String resourceId) {

    /** Poll markers live under this pseudo resource id prefix: {@code account/region/_poll/<source>}. */
    public static final String POLL_PREFIX = "_poll/";

    public ResourceKey {
        if (resourceId == null || resourceId.isBlank()) {
            throw new IllegalArgumentException("resourceId must not be blank");
        }
    }

    public static ResourceKey of(String account, String region, String resourceId) {
        return new ResourceKey(new Scope(account, region), resourceId);
    }

    public static ResourceKey pollMarker(Scope scope, String source) {
        return new ResourceKey(scope, POLL_PREFIX + source);
    }

    /** Parses {@code account/region/resource-id}; the resource id may itself contain '/'. */
    public static ResourceKey parse(String key) {
        int second = scopeEnd(key);
        int first = key.indexOf('/');
        return of(key.substring(0, first), key.substring(first + 1, second), key.substring(second + 1));
    }

    /** The key's scope, {@code account/region}, without building the key. Throws as {@link #parse} does. */
    public static String scopeIdOf(String key) {
        return key.substring(0, scopeEnd(key));
    }

    /**
     * {@code parse(key).partitionKey()} without building the key: the producer's partitioner reads
     * it for every record it sends. Throws as {@link #parse} does.
     */
    public static String regionOf(String key) {
        int end = scopeEnd(key);
        return key.substring(key.indexOf('/') + 1, end);
    }

    /** Where the scope of a well-formed key ends (its second '/'); throws for any other key. */
    private static int scopeEnd(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key is null");
        }
        int first = key.indexOf('/');
        int second = first < 0 ? -1 : key.indexOf('/', first + 1);
        if (first <= 0 || second <= first + 1 || second == key.length() - 1) {
            throw new IllegalArgumentException("key '" + key + "' is not of the form account/region/resource-id");
        }
        return second;
    }

    /**
     * The part of the key that decides the partition: the region. Every account of a region lands on one
     * partition, so one analyzer task sees the whole region and judges paths that cross accounts (a client
     * in one account, a RAM-shared TGW in another, the file system in a third).
     */
    public String partitionKey() {
        return scope.region();
    }

    public String value() {
        return scope.id() + "/" + resourceId;
    }

    @Override
    public String toString() {
        return value();
    }
}

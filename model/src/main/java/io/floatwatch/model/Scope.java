package io.floatwatch.model;

import java.util.Objects;

/** The unit a collector polls and the analyzer reasons about: one AWS account in one region. */
public record Scope(String account, String region) {
    public Scope {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        if (account.contains("/") || region.contains("/")) {
            throw new IllegalArgumentException("account and region must not contain '/': " + account + ", " + region);
        }
    }

    /** {@code account/region}: the part of every Kafka key that decides the partition. */
    public String id() {
        return account + "/" + region;
    }

    @Override
    public String toString() {
        return id();
    }
}

package io.floatwatch.analyzer.core.path;

import java.util.Locale;

/** The verdict on one client's path to one address. */
public enum PathVerdict {
    REACHABLE,
    /** Through a VPC Lattice resource endpoint whose resource configuration targets the address. */
    REACHABLE_VIA_LATTICE,
    /** A hop or a return route is missing or broken. */
    UNREACHABLE,
    /** The design cannot work for a floating IP, whatever the routes say. */
    UNSUPPORTED,
    /**
     * A hop floatwatch cannot see or prove (not observed, another account or region, a route its lookups cannot
     * reach): never read as reachable, and never the end of an unreachable verdict.
     */
    UNVERIFIED,
    /** Written by earlier versions for what is now UNVERIFIED; read back from stored state as such. */
    UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Says nothing either way: neither a working nor a broken path. */
    boolean unproven() {
        return this == UNVERIFIED || this == UNKNOWN;
    }

    public boolean works() {
        return this == REACHABLE || this == REACHABLE_VIA_LATTICE;
    }
}

package io.floatwatch.analyzer.core;

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
    /** Not enough observed to judge (a table or attachment not seen yet): never read as reachable. */
    UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean works() {
        return this == REACHABLE || this == REACHABLE_VIA_LATTICE;
    }
}

package io.floatwatch.app;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest; {@code dev} when run from classes. */
final class Version implements IVersionProvider {

    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"floatwatch " + current()};
    }
}

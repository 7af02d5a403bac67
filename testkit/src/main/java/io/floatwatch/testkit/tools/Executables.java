package io.floatwatch.testkit.tools;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds real external tools (promtool, prometheus, alertmanager, helm) for the tests that run them
 * when they are installed and skip with a message when they are not.
 */
public final class Executables {

    private Executables() {
    }

    /** The first executable named one of {@code names} on PATH (or in /usr/bin), or null. */
    public static Path which(String... names) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}

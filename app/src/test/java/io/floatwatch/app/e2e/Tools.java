package io.floatwatch.app.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the real Prometheus tools (Debian packages prometheus and prometheus-alertmanager). */
final class Tools {

    private Tools() {
    }

    /** The first executable named one of {@code names} on PATH (or in /usr/bin), or null. */
    static Path which(String... names) {
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

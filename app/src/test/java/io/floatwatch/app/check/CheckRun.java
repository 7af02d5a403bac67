package io.floatwatch.app.check;

import io.floatwatch.app.Floatwatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code floatwatch check -c floatwatch.yaml [args]} in its own JVM, as a user runs it: base credentials from the
 * environment (nobody's real keys), standard output and error kept apart, the exit code as the shell sees it.
 */
record CheckRun(int exitCode, String out, String err) {

    static CheckRun of(Path dir, String config, String... args) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = dir.resolve("floatwatch.yaml");
        Files.writeString(file, config);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Floatwatch.class.getName(), "check", "-c", file.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("check.out");
        Path err = dir.resolve("check.err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("AWS_ACCESS_KEY_ID", "AKIDTEST0FLOATWATCH0");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test-secret");
        pb.environment().remove("AWS_PROFILE");
        pb.environment().remove("AWS_SESSION_TOKEN");
        Process process = pb.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("floatwatch check did not end within 3 minutes; output:\n" + Files.readString(out)
                    + "\n" + Files.readString(err));
        }
        return new CheckRun(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}

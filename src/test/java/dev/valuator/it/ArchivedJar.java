package dev.valuator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How the scenarios start the packaged jar quickly: extracted the way Spring Boot documents for
 * production ({@code java -Djarmode=tools -jar valuator.jar extract}), with a dynamic CDS archive
 * (the application's classes parsed and verified ahead) written by one training start. A start
 * then costs about 5.5 CPU-seconds instead of 8 (10 from the packaged jar). The JDK's AOT cache
 * ({@code -XX:AOTCacheOutput}) saves another 0.3 per start but takes twice as long to make (a
 * second JVM assembles it), and every scenario JVM waits for it. The classes and libraries are the
 * packaged jar's; when anything here fails, the scenarios start {@code java -jar
 * target/valuator.jar} as before. Built once per build, shared by the failsafe JVMs through a file
 * lock.
 */
final class ArchivedJar {

    private static List<String> launch;

    private ArchivedJar() {}

    /** The {@code java} arguments that start the service: the archived form if it could be made. */
    static synchronized List<String> launchArguments(Path jar, Map<String, String> trainingEnvironment) {
        if (launch == null) {
            launch = prepare(jar, trainingEnvironment);
        }
        return launch;
    }

    private static List<String> prepare(Path jar, Map<String, String> trainingEnvironment) {
        Path directory = jar.resolveSibling("archived");
        Path extracted = directory.resolve(jar.getFileName());
        Path cache = directory.resolve("valuator.jsa");
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(
                            directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (!Files.exists(cache)
                        || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                    Files.deleteIfExists(cache);
                    run(
                            List.of(
                                    java(),
                                    "-Djarmode=tools",
                                    "-jar",
                                    jar.toString(),
                                    "extract",
                                    "--force",
                                    "--destination",
                                    directory.toString()),
                            Map.of(),
                            directory.resolve("extract.log"));
                    List<String> training = new ArrayList<>(List.of(
                            java(),
                            "-Xmx384m",
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-XX:ArchiveClassesAtExit=" + cache,
                            "-Dspring.context.exit=onRefresh",
                            "-jar",
                            extracted.toString()));
                    run(training, trainingEnvironment, directory.resolve("training.log"));
                }
            }
            if (Files.exists(cache) && Files.exists(extracted)) {
                return List.of("-XX:SharedArchiveFile=" + cache, "-jar", extracted.toString());
            }
            System.err.println("No CDS archive in " + directory + ": starting the service from " + jar);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not prepare the archived jar (" + e + "): starting the service from " + jar);
        }
        return List.of("-jar", jar.toString());
    }

    private static void run(List<String> command, Map<String, String> environment, Path log) {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.getLast() + " did not finish in 5 minutes; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " exited " + process.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

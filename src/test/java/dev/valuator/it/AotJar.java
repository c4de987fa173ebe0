package dev.valuator.it;

import dev.valuator.support.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How the scenarios start the packaged jar quickly: extracted the way Spring Boot documents for
 * production ({@code java -Djarmode=tools -jar valuator.jar extract}), with a JDK AOT cache
 * (class loading and linking done ahead) recorded by one training start. On the 2 shared cores
 * that makes each of the suite's dozen service starts about three times faster. The classes and
 * libraries are the packaged jar's; when anything here fails, the scenarios start
 * {@code java -jar target/valuator.jar} as before.
 *
 * <p>Built once per build, shared through a file lock: the build packages the jar before the unit
 * tests and starts {@link #main} beside them (exec-maven-plugin, asynchronously), so the training
 * start costs the suite nothing; the failsafe JVMs wait on the lock if it is still going, and
 * train themselves if it never ran. The training start uses an embedded PostgreSQL of its own
 * (under {@code target/aot/training}), never a server of anyone's.
 */
final class AotJar {

    /** A start that passes the service's checks; its database is an embedded one of its own. */
    private static final Map<String, String> TRAINING_ENVIRONMENT = Map.of(
            "DATABASE_URL", "embedded",
            "PORT", "0",
            "POLYGON_BASE_URL", "http://127.0.0.1:9",
            "POLYGON_API_KEY", TestEnvironment.POLYGON_KEY,
            "VALUATION_REFRESH_CRON_SECRET", TestEnvironment.CRON_SECRET,
            "VALUATION_ADMIN_TOKEN", TestEnvironment.ADMIN_TOKEN,
            "VALUATION_SCHEDULER_ENABLED", "false");

    private static List<String> launch;

    private AotJar() {}

    /** Prepares the extracted jar and its AOT cache for {@code args[0]}, the packaged jar. */
    public static void main(String[] args) {
        System.out.println(String.join(" ", prepare(Path.of(args[0]).toAbsolutePath())));
    }

    /** The {@code java} arguments that start the service: the AOT-cached form if it could be made. */
    static synchronized List<String> launchArguments(Path jar) {
        if (launch == null) {
            launch = prepare(jar);
        }
        return launch;
    }

    private static List<String> prepare(Path jar) {
        Path directory = jar.resolveSibling("aot");
        Path extracted = directory.resolve(jar.getFileName());
        Path cache = directory.resolve("valuator.aot");
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
                            directory,
                            directory.resolve("extract.log"));
                    // written under another name and moved when complete: a training start cut
                    // short (the build ended first) never leaves a half-written cache behind
                    Path partial = directory.resolve("training.aot");
                    Files.deleteIfExists(partial);
                    Path home = Files.createDirectories(directory.resolve("training"));
                    List<String> training = new ArrayList<>(
                            List.of(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:AOTCacheOutput=" + partial));
                    String workingDir = System.getProperty("ot.epg.working-dir", "");
                    if (!workingDir.isBlank()) {
                        training.add("-Dot.epg.working-dir=" + workingDir); // noexec /tmp
                    }
                    training.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", extracted.toString()));
                    run(training, TRAINING_ENVIRONMENT, home, directory.resolve("training.log"));
                    Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            if (Files.exists(cache) && Files.exists(extracted)) {
                return List.of("-XX:AOTCache=" + cache, "-jar", extracted.toString());
            }
            System.err.println("No AOT cache in " + directory + ": starting the service from " + jar);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not prepare the AOT-cached jar (" + e + "): starting the service from " + jar);
        }
        return List.of("-jar", jar.toString());
    }

    private static void run(List<String> command, Map<String, String> environment, Path workingDirectory, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
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

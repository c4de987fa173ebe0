package dev.valuator.system.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops the postmaster that a killed JVM left running on an embedded data directory. */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    private OrphanedPostmaster() {}

    /** Stops the live postmaster named by {@code directory}'s {@code postmaster.pid}, if any. */
    static void stop(Path directory) {
        Optional<ProcessHandle> postmaster = find(directory.resolve("postmaster.pid"));
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle process = postmaster.get();
        log.info("Stopping the embedded PostgreSQL (pid {}) a killed JVM left running on {}", process.pid(), directory);
        // SIGTERM: PostgreSQL's smart shutdown, immediate with no client left
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("The orphaned postmaster {} did not stop in 30 s; killing it", process.pid());
            process.destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> find(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().orElse("").endsWith("/postgres"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

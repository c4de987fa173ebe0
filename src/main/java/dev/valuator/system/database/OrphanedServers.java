package dev.valuator.system.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Clears away the embedded PostgreSQL servers and data directories of JVMs that were killed. */
final class OrphanedServers {

    private static final Logger log = LoggerFactory.getLogger(OrphanedServers.class);

    private OrphanedServers() {}

    /**
     * Stops and deletes every embedded data directory under {@code parent} whose JVM is gone: zonky
     * holds a lock on its {@code epg-lock} file from before the postmaster starts until after it
     * stopped, so a free lock means nobody runs that server any more.
     */
    static void sweep(Path parent) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> children = Files.list(parent)) {
            children.filter(DataDirectoryLock::marks).forEach(dir -> {
                if (release(dir, false)) {
                    deleteQuietly(dir);
                }
            });
        } catch (IOException e) {
            log.warn("Could not look for orphaned embedded PostgreSQL servers in {}: {}", parent, e.toString());
        }
    }

    /**
     * Stops the postmaster of {@code directory} if no live process owns the directory. Returns
     * whether the directory is free; when it is not and {@code required}, says who has it.
     */
    static boolean release(Path directory, boolean required) {
        if (DataDirectoryLock.isHeld(directory)) {
            if (required) {
                throw new IllegalStateException(directory
                        + " is in use by another running process (an embedded PostgreSQL of another Valuator?):"
                        + " stop it first");
            }
            return false;
        }
        OrphanedPostmaster.stop(directory);
        return true;
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete the orphaned data directory {}: {}", directory, e.toString());
        }
    }
}

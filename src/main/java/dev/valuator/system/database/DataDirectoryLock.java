package dev.valuator.system.database;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells whether a live JVM still holds zonky's lock on an embedded PostgreSQL data directory. */
final class DataDirectoryLock {

    // zonky's marker in each data directory, held (FileLock) by the JVM running that server
    private static final String LOCK_FILE = "epg-lock";

    private DataDirectoryLock() {}

    /** Whether {@code directory} is an embedded data directory, i.e. has zonky's lock file. */
    static boolean marks(Path directory) {
        return Files.exists(directory.resolve(LOCK_FILE));
    }

    /** Whether a live process holds the lock of {@code directory} (never when it has no lock file). */
    static boolean isHeld(Path directory) {
        Path lockFile = directory.resolve(LOCK_FILE);
        return Files.exists(lockFile) && !isFree(lockFile);
    }

    private static boolean isFree(Path lockFile) {
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
                FileLock lock = file.getChannel().tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false; // this JVM runs that server
        } catch (IOException e) {
            return false;
        }
    }
}

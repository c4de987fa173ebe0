package dev.valuator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;

/**
 * The order of service starts where the one-minute scenarios share the machine (the
 * {@code sustained-load} execution, which names the marker file in {@code valuator.loadStarted}):
 * {@link SustainedLoadIT}'s service starts alone, so its judged minute begins as early as it can,
 * and {@link TwoInstancesIT} starts its two services during the load's slow start. Run on its own,
 * no property is set and nothing waits.
 */
final class StartOrder {

    private static final String PROPERTY = "valuator.loadStarted";

    private StartOrder() {}

    /** Called by the load once its service answers (or failed to start): the others may start. */
    static void loadServiceStarted() {
        String marker = System.getProperty(PROPERTY);
        if (marker == null) {
            return;
        }
        try {
            Path path = Path.of(marker);
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, Instant.now().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits, at most {@code atMost}, until the load's service started in this run of the execution. */
    static void awaitLoadServiceStarted(Duration atMost) {
        String marker = System.getProperty(PROPERTY);
        if (marker == null) {
            return;
        }
        // a marker older than this JVM is a previous run's: the executions' JVMs start together
        Instant thisJvm = Instant.ofEpochMilli(
                        ManagementFactory.getRuntimeMXBean().getStartTime())
                .minusSeconds(30);
        Path path = Path.of(marker);
        try {
            Awaitility.await()
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> Files.exists(path)
                            && Files.getLastModifiedTime(path).toInstant().isAfter(thisJvm));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Scenario.log("start order", "the load's service did not start within " + atMost + "; starting anyway");
        }
    }
}

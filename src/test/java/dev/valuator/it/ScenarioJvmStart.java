package dev.valuator.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * As a scenario JVM starts (failsafe sets {@code valuator.jar}; the unit-test JVMs do not), it
 * begins preparing what every service start needs — this JVM's database, the extracted jar and
 * its class-data archive ({@link ArchivedJar}) — in the background, while JUnit discovers the
 * classes and the first scenario sets up; its first service start then finds them ready or waits
 * for the rest.
 */
public final class ScenarioJvmStart implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("valuator.jar") != null) {
            Thread.ofPlatform().daemon().name("prepare-service-launch").start(ServiceProcess::prepareLaunch);
        }
    }
}

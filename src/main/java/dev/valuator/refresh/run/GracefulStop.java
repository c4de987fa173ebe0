package dev.valuator.refresh.run;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Shutdown, before the web server drains: every run of this process is stopped at its next safe
 * point and awaited (up to 20 s) so its caller gets an answer, then the background threads end.
 */
@Component
class GracefulStop implements SmartLifecycle {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

    private final ActiveRuns active;
    private final BackgroundRuns background;
    private volatile boolean running;

    GracefulStop(ActiveRuns active, BackgroundRuns background) {
        this.active = active;
        this.background = background;
    }

    @Override
    public void start() {
        background.reopen();
        active.accept();
        running = true;
    }

    @Override
    public void stop() {
        active.stopAll();
        active.awaitNone(SHUTDOWN_WAIT);
        background.shutdown();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops before the web server's graceful shutdown, so callers get their answers
        return Integer.MAX_VALUE;
    }
}

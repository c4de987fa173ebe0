package dev.valuator.refresh.run;

import dev.valuator.refresh.config.RefreshProperties;
import dev.valuator.system.RunProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The runs executing in this process, and the one place that decides when one must stop: past
 * its deadline ({@code VALUATION_REFRESH_MAX_RUNTIME}, found by the watchdog or at the run's own
 * checkpoint) or at shutdown. A stopped run ends at its next safe point; a stop from another
 * thread also interrupts the run's thread and cancels its running statement. On shutdown (before
 * the web server drains) every run is stopped and awaited, so callers get their answers.
 */
@Component
public class ActiveRuns implements SmartLifecycle {

    static final String SHUTDOWN = "interrupted by shutdown";
    private static final Logger log = LoggerFactory.getLogger(ActiveRuns.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

    private final RefreshProperties properties;
    private final JdbcClient pool;
    private final Clock clock;
    private final Map<UUID, Active> runs = new ConcurrentHashMap<>();
    private final ReentrantLock removals = new ReentrantLock();
    private final Condition removed = removals.newCondition();
    private volatile ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopping;
    private volatile boolean running;

    ActiveRuns(RefreshProperties properties, JdbcClient pool, Clock clock) {
        this.properties = properties;
        this.pool = pool;
        this.clock = clock;
    }

    /** A run of this process: its context, the thread executing it, and why it must stop (or null). */
    private static final class Active {
        final LockedRun run;
        volatile Thread thread;
        volatile String stopReason;

        Active(LockedRun run) {
            this.run = run;
        }
    }

    void add(LockedRun run) {
        runs.put(run.jobId(), new Active(run));
    }

    /** The calling thread executes the run from now on (a stop interrupts it). */
    void executing(UUID jobId) {
        Active active = runs.get(jobId);
        if (active != null) {
            active.thread = Thread.currentThread();
        }
    }

    void remove(UUID jobId) {
        removals.lock();
        try {
            runs.remove(jobId);
            removed.signalAll();
        } finally {
            removals.unlock();
        }
    }

    /** Runs the task on a thread of its own (a run answered 202). */
    public void inBackground(Runnable task) {
        background.submit(task);
    }

    /** Whether the service is shutting down and takes no new runs. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Why the run must stop, or null: asked at its checkpoints, on its own thread. A run found
     * past its deadline here is stopped like the watchdog stops it, without interrupting itself.
     */
    String checkpoint(UUID jobId) {
        Active active = runs.get(jobId);
        if (active != null && active.stopReason == null && overdue(active, clock.instant())) {
            active.stopReason = overdueReason();
        }
        return stopReason(jobId);
    }

    /** Why the run was stopped, or null when nothing stopped it. */
    String stopReason(UUID jobId) {
        if (stopping) {
            return SHUTDOWN;
        }
        Active active = runs.get(jobId);
        return active == null ? null : active.stopReason;
    }

    /** Stops the runs past their deadline at their next safe point, cancelling a long statement. */
    void enforceDeadlines() {
        Instant now = clock.instant();
        for (Active active : runs.values()) {
            if (active.stopReason == null && overdue(active, now)) {
                stop(active, overdueReason());
            }
        }
    }

    private static boolean overdue(Active active, Instant now) {
        return now.isAfter(active.run.deadline());
    }

    private String overdueReason() {
        return "stopped: exceeded VALUATION_REFRESH_MAX_RUNTIME (" + properties.maxRuntime() + ")";
    }

    private void stop(Active active, String reason) {
        active.stopReason = reason;
        Thread thread = active.thread;
        if (thread != null) {
            thread.interrupt();
        }
        try {
            pool.sql("SELECT pg_cancel_backend(:pid)")
                    .param("pid", active.run.backendPid())
                    .query(Boolean.class)
                    .single();
        } catch (RuntimeException e) {
            log.warn("Could not cancel the statement of refresh {}: {}", active.run.jobId(), e.getMessage());
        }
    }

    /** The latest figures of a run executing in this process, if any. */
    public Optional<RunProgress> progress() {
        return runs.values().stream()
                .map(active -> active.run.latestProgress())
                .filter(Objects::nonNull)
                .findFirst();
    }

    @Override
    public void start() {
        if (background.isShutdown()) {
            background = Executors.newVirtualThreadPerTaskExecutor();
        }
        stopping = false;
        running = true;
    }

    /** Stops every run at its next safe point and waits (up to 20 s) for their rows to be closed. */
    @Override
    public void stop() {
        stopping = true;
        runs.values().forEach(active -> stop(active, SHUTDOWN));
        long until = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        removals.lock();
        try {
            long left = until - System.nanoTime();
            while (!runs.isEmpty() && left > 0) {
                try {
                    left = removed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            removals.unlock();
        }
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

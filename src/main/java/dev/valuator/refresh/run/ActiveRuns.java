package dev.valuator.refresh.run;

import dev.valuator.system.RunProgress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * The runs executing in this process, and the one place that decides when one must stop: past
 * its deadline ({@link RunDeadlines}, found by the watchdog or at the run's own checkpoint) or at
 * shutdown ({@link GracefulStop}). A stopped run ends at its next safe point; a stop from another
 * thread also interrupts the run's thread and cancels its running statement ({@link
 * StatementCanceller}).
 */
@Component
public class ActiveRuns {

    static final String SHUTDOWN = "interrupted by shutdown";

    private final RunDeadlines deadlines;
    private final StatementCanceller canceller;
    private final Map<UUID, Active> runs = new ConcurrentHashMap<>();
    private final ReentrantLock removals = new ReentrantLock();
    private final Condition removed = removals.newCondition();
    private volatile boolean stopping;

    ActiveRuns(RunDeadlines deadlines, StatementCanceller canceller) {
        this.deadlines = deadlines;
        this.canceller = canceller;
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
        if (active != null && active.stopReason == null) {
            String exceeded = deadlines.exceeded(active.run);
            if (exceeded != null) {
                active.stopReason = exceeded;
            }
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
        for (Active active : runs.values()) {
            if (active.stopReason == null) {
                String exceeded = deadlines.exceeded(active.run);
                if (exceeded != null) {
                    stop(active, exceeded);
                }
            }
        }
    }

    private void stop(Active active, String reason) {
        active.stopReason = reason;
        Thread thread = active.thread;
        if (thread != null) {
            thread.interrupt();
        }
        canceller.cancel(active.run);
    }

    /** The latest figures of a run executing in this process, if any. */
    public Optional<RunProgress> progress() {
        return runs.values().stream()
                .map(active -> active.run.latestProgress())
                .filter(Objects::nonNull)
                .findFirst();
    }

    /** Takes new runs (again, after a stop of the application context). */
    void accept() {
        stopping = false;
    }

    /** Takes no new runs and stops every run at its next safe point. */
    void stopAll() {
        stopping = true;
        runs.values().forEach(active -> stop(active, SHUTDOWN));
    }

    /** Waits up to {@code wait} for the runs to end (their rows closed). */
    void awaitNone(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
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
    }
}

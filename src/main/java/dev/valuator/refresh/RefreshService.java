package dev.valuator.refresh;

import dev.valuator.refresh.lock.DatabaseFailure;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.refresh.request.RefreshRequests;
import dev.valuator.refresh.run.ActiveRuns;
import dev.valuator.refresh.run.BackgroundRuns;
import dev.valuator.refresh.run.LockedRun;
import dev.valuator.refresh.run.RefreshPhases;
import dev.valuator.refresh.run.RunLauncher;
import dev.valuator.system.RunStopped;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * The one entry point every trigger calls (cron and manual HTTP, the timer, the one-shot
 * command). A run: validate → take the advisory lock on a dedicated connection and record the
 * RUNNING job ({@link RunLauncher}) → price phase → valuation phase ({@link RefreshPhases}) →
 * finish the job row with a fenced update → unlock on that same connection. A held lock records
 * a SKIPPED_CONFLICT row instead ({@link LockConflicts}).
 */
@Service
public class RefreshService {

    private static final Logger log = LoggerFactory.getLogger(RefreshService.class);

    private final RefreshRequests requests;
    private final RunLauncher launcher;
    private final RefreshPhases phases;
    private final LockConflicts conflicts;
    private final ActiveRuns active;
    private final BackgroundRuns background;

    RefreshService(
            RefreshRequests requests,
            RunLauncher launcher,
            RefreshPhases phases,
            LockConflicts conflicts,
            ActiveRuns active,
            BackgroundRuns background) {
        this.requests = requests;
        this.launcher = launcher;
        this.phases = phases;
        this.conflicts = conflicts;
        this.active = active;
        this.background = background;
    }

    /** Runs a refresh to its end on the calling thread. */
    public RefreshOutcome run(RefreshRequest request, Caller source) {
        return begin(request, source, false);
    }

    /** Takes the lock and records the RUNNING row now; the phases go on in the background. */
    public RefreshOutcome start(RefreshRequest request, Caller source) {
        return begin(request, source, true);
    }

    private RefreshOutcome begin(RefreshRequest raw, Caller source, boolean async) {
        RefreshRequest request = requests.check(raw);
        if (active.stopping()) {
            throw new ServiceStopping();
        }
        Optional<RunLauncher.Opened> opened;
        try {
            opened = launcher.open(source, request);
        } catch (SQLException e) {
            log.error("Refresh ({}): the refresh lock could not be taken", source, e);
            throw new RefreshUnavailable("Cannot take the refresh lock: " + DatabaseFailure.sentence(e)
                    + ". Check that the database is up and reachable; nothing was recorded.");
        }
        if (opened.isEmpty()) {
            return conflicts.record(request, source);
        }
        RunLauncher.Opened run = opened.get();
        if (async) {
            background.submit(() -> execute(run, request));
            return new RefreshOutcome.Started(run.jobId());
        }
        return execute(run, request);
    }

    private RefreshOutcome execute(RunLauncher.Opened opened, RefreshRequest request) {
        return new RefreshOutcome.Finished(launcher.complete(
                opened, (run, results) -> phases.run(run, request, results), RefreshService::describe));
    }

    /** The job's error for a failure no stop explains. */
    private static String describe(Exception e, LockedRun run) {
        if (e instanceof RefreshPhases.PhaseFailed || e instanceof RunStopped) {
            return e.getMessage();
        }
        if (!run.connectionAlive()) {
            log.error("Refresh {} lost its lock connection", run.jobId(), e);
            return "lost the refresh lock: the database connection holding it failed; nothing more was committed"
                    + " (job " + run.jobId() + "; the service log has the details)";
        }
        if (e instanceof DataAccessException || DatabaseFailure.isDatabase(e)) {
            log.error("Refresh {} failed on the database", run.jobId(), e);
            return DatabaseFailure.forJob(e, run.jobId());
        }
        log.error("Refresh {} failed", run.jobId(), e);
        return "Refresh failed: an unexpected error (job " + run.jobId() + "; the service log has the details)";
    }

    /** The service is shutting down and takes no new runs (503). */
    public static class ServiceStopping extends RuntimeException {
        ServiceStopping() {
            super("The service is shutting down; try again shortly");
        }
    }

    /** The database could not be reached to take the lock (500, nothing recorded). */
    public static class RefreshUnavailable extends RuntimeException {
        RefreshUnavailable(String message) {
            super(message);
        }
    }
}

package dev.valuator.refresh.run;

import dev.valuator.marketdata.PriceSummary;
import dev.valuator.refresh.config.RefreshProperties;
import dev.valuator.refresh.jobs.JobLifecycle;
import dev.valuator.refresh.jobs.JobStatus;
import dev.valuator.refresh.jobs.RefreshJob;
import dev.valuator.refresh.jobs.RefreshJobs;
import dev.valuator.refresh.lock.RunLock;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.valuation.ValuationSummary;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps every run takes, whatever starts it (a refresh, an import's valuation): take the
 * refresh lock on a dedicated connection, open the RUNNING job row, register the run with {@link
 * ActiveRuns}, run its phases, close the row (SUCCEEDED by a fenced update on the lock
 * connection, FAILED through the pool, before unlocking so the reaper never sees a RUNNING row
 * without its lock), unlock, then log and report the end.
 */
@Component
public class RunLauncher {

    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

    private final RunLock lock;
    private final JobLifecycle rows;
    private final RefreshJobs jobs;
    private final ActiveRuns active;
    private final RunObservers observers;
    private final RefreshProperties properties;
    private final Clock clock;

    RunLauncher(
            RunLock lock,
            JobLifecycle rows,
            RefreshJobs jobs,
            ActiveRuns active,
            RunObservers observers,
            RefreshProperties properties,
            Clock clock) {
        this.lock = lock;
        this.rows = rows;
        this.jobs = jobs;
        this.active = active;
        this.observers = observers;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A run that holds the lock and has its RUNNING row; {@link #complete} ends it.
     *
     * @param run its context, on the lock connection
     * @param held the lock
     * @param source who started it
     */
    public record Opened(LockedRun run, RunLock.Held held, Caller source) {
        public UUID jobId() {
            return run.jobId();
        }
    }

    /**
     * What a run's phases produced so far; its row is closed with them, on failure too. Filled and
     * read on the run's own thread.
     */
    public static final class Results {
        private PriceSummary price;
        private ValuationSummary valuation;

        public void price(PriceSummary summary) {
            this.price = summary;
        }

        public void valuation(ValuationSummary summary) {
            this.valuation = summary;
        }
    }

    /** A run's work while it holds the lock. */
    @FunctionalInterface
    public interface Phases {
        void run(LockedRun run, Results results) throws Exception;
    }

    /** The error a failed run's row records, for a failure that no stop explains. */
    @FunctionalInterface
    public interface Failure {
        String describe(Exception e, LockedRun run);
    }

    /**
     * Takes the lock and opens the run's RUNNING row; empty when another session holds the lock.
     *
     * @throws SQLException when the lock could not be taken (nothing was recorded)
     */
    public Optional<Opened> open(Caller source, RefreshRequest request) throws SQLException {
        RunLock.Held held =
                lock.tryAcquire(properties.maxRuntime().plusMinutes(1)).orElse(null);
        if (held == null) {
            return Optional.empty();
        }
        // timestamps are taken with the lock held, so runs' [started, finished] never overlap
        Instant startedAt = now();
        UUID jobId = UUID.randomUUID();
        Instant deadline = startedAt.plus(properties.maxRuntime());
        try {
            rows.insertRunning(jobId, source, request, startedAt, held.backendPid(), InstanceId.get(), deadline);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
        LockedRun run = new LockedRun(
                jobId,
                held.connection(),
                held.backendPid(),
                deadline,
                clock,
                () -> active.checkpoint(jobId),
                progress -> rows.saveProgress(jobId, progress));
        active.add(run);
        log.info("Refresh {} started: trigger={} source={} request={}", jobId, source.trigger(), source, request);
        observers.started(jobId, source);
        return Optional.of(new Opened(run, held, source));
    }

    /** Runs the phases of an opened run on the calling thread and closes it; returns its finished row. */
    public RefreshJob complete(Opened opened, Phases phases, Failure failure) {
        LockedRun run = opened.run();
        UUID jobId = run.jobId();
        active.executing(jobId);
        Results results = new Results();
        String error = null;
        try {
            run.checkpoint();
            phases.run(run, results);
            run.checkpoint();
            if (!rows.finish(run.jdbc(), jobId, JobStatus.SUCCEEDED, now(), results.price, results.valuation, null)) {
                log.warn("Refresh {} finished but its row was no longer RUNNING (closed by the reaper)", jobId);
            }
        } catch (Exception e) {
            // Exception, not RuntimeException: a stop interrupts this thread, and OkHttp (Kotlin) may then
            // throw an undeclared InterruptedException. Clear the interrupt so closing the row can use the pool.
            Thread.interrupted();
            String stopped = active.stopReason(jobId);
            error = stopped != null ? stopped : failure.describe(e, run);
            try {
                rows.finish(jobId, JobStatus.FAILED, now(), results.price, results.valuation, error);
            } catch (RuntimeException finishFailed) {
                log.error(
                        "Refresh {} failed and its row could not be closed (the reaper will): {}",
                        jobId,
                        finishFailed.getMessage());
            }
        } finally {
            opened.held().close();
            active.remove(jobId);
            Thread.interrupted();
        }
        RefreshJob job = jobs.find(jobId).orElseThrow();
        log.info(
                "Refresh {} ended {} in {} ms: source={} price={} valuation={}{}",
                jobId,
                job.status(),
                job.durationMs(),
                opened.source(),
                results.price,
                results.valuation,
                error == null ? "" : " error=" + error);
        observers.finished(job, opened.source());
        return job;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

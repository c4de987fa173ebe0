package dev.valuator.refresh;

import dev.valuator.marketdata.PriceFetchFailed;
import dev.valuator.marketdata.PriceOutcome;
import dev.valuator.marketdata.PricePhase;
import dev.valuator.marketdata.PriceRequest;
import dev.valuator.marketdata.PriceSummary;
import dev.valuator.system.RunProgress;
import dev.valuator.system.RunStopped;
import dev.valuator.valuation.ValuationPhase;
import dev.valuator.valuation.ValuationRequest;
import dev.valuator.valuation.ValuationSummary;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one entry point every trigger calls (cron and manual HTTP, the timer, the one-shot
 * command). A run: validate → take the advisory lock on a dedicated connection → record the
 * RUNNING job → price phase → valuation phase → finish the job row with a fenced update → unlock
 * on that same connection. A held lock records a SKIPPED_CONFLICT row instead.
 */
@Service
public class RefreshService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RefreshService.class);
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration VALUATION_RESERVE = Duration.ofSeconds(2);

    private final RefreshLock lock;
    private final RefreshJobs jobs;
    private final PricePhase pricePhase;
    private final ValuationPhase valuationPhase;
    private final RefreshRequests requests;
    private final RefreshProperties properties;
    private final RunObservers observers;
    private final JdbcClient pool;
    private final JsonMapper json;
    private final Clock clock;
    private final String instanceId = InstanceId.get();
    private final Map<UUID, ActiveRun> active = new ConcurrentHashMap<>();
    private volatile ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean shuttingDown;
    private volatile boolean running;

    RefreshService(
            RefreshLock lock,
            RefreshJobs jobs,
            PricePhase pricePhase,
            ValuationPhase valuationPhase,
            RefreshRequests requests,
            RefreshProperties properties,
            RunObservers observers,
            JdbcClient pool,
            JsonMapper json,
            Clock clock) {
        this.lock = lock;
        this.jobs = jobs;
        this.pricePhase = pricePhase;
        this.valuationPhase = valuationPhase;
        this.requests = requests;
        this.properties = properties;
        this.observers = observers;
        this.pool = pool;
        this.json = json;
        this.clock = clock;
    }

    /** Runs a refresh to its end on the calling thread. */
    public RefreshOutcome run(RefreshRequest request, Source source) {
        return begin(request, source, false);
    }

    /** Takes the lock and records the RUNNING row now; the phases go on in the background. */
    public RefreshOutcome start(RefreshRequest request, Source source) {
        return begin(request, source, true);
    }

    private RefreshOutcome begin(RefreshRequest raw, Source source, boolean async) {
        RefreshRequest request = requests.check(raw);
        if (shuttingDown) {
            throw new ServiceStopping();
        }
        RefreshLock.Held held;
        try {
            held = lock.tryAcquire(properties.maxRuntime().plusMinutes(1)).orElse(null);
        } catch (SQLException e) {
            log.error("Refresh ({}): the refresh lock could not be taken", source, e);
            throw new RefreshUnavailable("Cannot take the refresh lock: " + DatabaseFailure.sentence(e)
                    + ". Check that the database is up and reachable; nothing was recorded.");
        }
        // timestamps are taken with the lock held, so runs' [started, finished] never overlap
        Instant startedAt = now();
        if (held == null) {
            return conflict(request, source, startedAt);
        }
        UUID jobId = UUID.randomUUID();
        Instant deadline = startedAt.plus(properties.maxRuntime());
        try {
            jobs.insertRunning(jobId, source, request, startedAt, held.backendPid(), instanceId, deadline);
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
                () -> shuttingDown,
                p -> jobs.saveProgress(jobId, p));
        ActiveRun activeRun = new ActiveRun(jobId, run, held.backendPid(), deadline);
        active.put(jobId, activeRun);
        log.info("Refresh {} started: trigger={} source={} request={}", jobId, source.trigger(), source, request);
        observers.started(jobId, source);
        if (async) {
            background.submit(() -> execute(activeRun, held, request, source));
            return new RefreshOutcome.Started(jobId);
        }
        return execute(activeRun, held, request, source);
    }

    private RefreshOutcome conflict(RefreshRequest request, Source source, Instant now) {
        Optional<RefreshJob> runningJob = runningJobOfLockHolder();
        UUID runningJobId = runningJob.map(RefreshJob::jobId).orElse(null);
        UUID skippedId = UUID.randomUUID();
        jobs.insertSkipped(skippedId, source, request, now, runningJobId, instanceId);
        Duration typical = jobs.typicalDuration().orElse(DEFAULT_RETRY_AFTER);
        Duration elapsed =
                runningJob.map(j -> Duration.between(j.startedAt(), now)).orElse(Duration.ZERO);
        Duration retryAfter = typical.minus(elapsed);
        if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            retryAfter = Duration.ofSeconds(5);
        }
        log.info("Refresh skipped ({}): job {} holds the lock; recorded {}", source, runningJobId, skippedId);
        observers.skipped(skippedId, source);
        return new RefreshOutcome.Conflict(skippedId, runningJobId, retryAfter);
    }

    /**
     * The holder inserts its RUNNING row right after taking the lock, so a caller that lost the
     * race may look a moment too early: give the row up to a second to appear.
     */
    private Optional<RefreshJob> runningJobOfLockHolder() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        Optional<RefreshJob> running = jobs.newestRunning();
        while (running.isEmpty() && System.nanoTime() < until) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            running = jobs.newestRunning();
        }
        return running;
    }

    private RefreshOutcome execute(ActiveRun activeRun, RefreshLock.Held held, RefreshRequest request, Source source) {
        activeRun.thread = Thread.currentThread();
        LockedRun run = activeRun.run;
        UUID jobId = run.jobId();
        PriceSummary price = null;
        ValuationSummary valuation = null;
        String error = null;
        try {
            LocalDate earliest = today().minusDays(properties.maxBackfillDays());
            run.checkpoint();
            PriceOutcome outcome = pricePhase.run(
                    new PriceRequest(
                            request.accountId(),
                            request.symbols(),
                            request.from(),
                            request.to(),
                            earliest,
                            properties.maxCalls(),
                            fetchDeadline(run.deadline())),
                    run);
            price = outcome.summary();
            if (outcome instanceof PriceOutcome.Failed failed) {
                throw new PriceFetchFailed(failed);
            }
            run.checkpoint();
            valuation = valuationPhase.run(
                    new ValuationRequest(request.accountId(), request.from(), valuedThrough(request, price), earliest),
                    run);
            run.checkpoint();
            if (!RefreshJobs.finish(run.jdbc(), json, jobId, JobStatus.SUCCEEDED, now(), price, valuation, null)) {
                log.warn("Refresh {} finished but its row was no longer RUNNING (closed by the reaper)", jobId);
            }
        } catch (Exception e) {
            // Exception, not RuntimeException: a stop interrupts this thread, and OkHttp (Kotlin) may then
            // throw an undeclared InterruptedException. Clear the interrupt so closing the row can use the pool.
            Thread.interrupted();
            error = describe(e, activeRun);
            // closed before unlocking, so the reaper never sees a RUNNING row without its lock
            try {
                jobs.finish(jobId, JobStatus.FAILED, now(), price, valuation, error);
            } catch (RuntimeException finishFailed) {
                log.error(
                        "Refresh {} failed and its row could not be closed (the reaper will): {}",
                        jobId,
                        finishFailed.getMessage());
            }
        } finally {
            held.close();
            active.remove(jobId);
            Thread.interrupted();
        }
        RefreshJob job = jobs.find(jobId).orElseThrow();
        log.info(
                "Refresh {} ended {} in {} ms: price={} valuation={}{}",
                jobId,
                job.status(),
                job.durationMs(),
                price,
                valuation,
                error == null ? "" : " error=" + error);
        observers.finished(job, source);
        return new RefreshOutcome.Finished(job);
    }

    private String describe(Exception e, ActiveRun activeRun) {
        if (shuttingDown) {
            return "interrupted by shutdown";
        }
        if (activeRun.stopReason != null) {
            return activeRun.stopReason;
        }
        if (e instanceof PriceFetchFailed || e instanceof RunStopped) {
            return e.getMessage();
        }
        if (!activeRun.run.connectionAlive()) {
            log.error("Refresh {} lost its lock connection", activeRun.jobId, e);
            return "lost the refresh lock: the database connection holding it failed; nothing more was committed"
                    + " (job " + activeRun.jobId + "; the service log has the details)";
        }
        if (e instanceof DataAccessException || DatabaseFailure.isDatabase(e)) {
            log.error("Refresh {} failed on the database", activeRun.jobId, e);
            return DatabaseFailure.forJob(e, activeRun.jobId);
        }
        log.error("Refresh {} failed", activeRun.jobId, e);
        return "Refresh failed: an unexpected error (job " + activeRun.jobId + "; the service log has the details)";
    }

    /**
     * A budgeted run values only the dates whose bars are all stored: a snapshot is never built
     * from a price carried over a date that simply was not fetched yet.
     */
    private static LocalDate valuedThrough(RefreshRequest request, PriceSummary price) {
        LocalDate complete =
                price.remaining() == null ? null : price.remaining().pricesCompleteThrough();
        if (complete == null) {
            return request.to();
        }
        return request.to() == null || complete.isBefore(request.to()) ? complete : request.to();
    }

    /** Calls stop in time to leave the valuation a tenth of the run's time (at least two seconds). */
    private Instant fetchDeadline(Instant deadline) {
        Duration reserve = properties.maxRuntime().dividedBy(10);
        return deadline.minus(reserve.compareTo(VALUATION_RESERVE) < 0 ? VALUATION_RESERVE : reserve);
    }

    /** The latest figures of a run executing in this process, if any. */
    Optional<RunProgress> activeProgress() {
        return active.values().stream()
                .map(run -> run.run.latestProgress())
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /** Whether the service is shutting down and takes no new runs. */
    boolean stopping() {
        return shuttingDown;
    }

    /** Runs currently executing in this process. */
    public List<UUID> activeJobIds() {
        return List.copyOf(active.keySet());
    }

    /** Stops runs past their deadline at their next safe point, cancelling a long statement. */
    void enforceDeadlines() {
        Instant now = now();
        for (ActiveRun run : active.values()) {
            if (now.isAfter(run.deadline) && run.stopReason == null) {
                stopRun(run, "stopped: exceeded VALUATION_REFRESH_MAX_RUNTIME (" + properties.maxRuntime() + ")");
            }
        }
    }

    private void stopRun(ActiveRun run, String reason) {
        run.stopReason = reason;
        run.run.stop(reason);
        Thread thread = run.thread;
        if (thread != null) {
            thread.interrupt();
        }
        try {
            pool.sql("SELECT pg_cancel_backend(:pid)")
                    .param("pid", run.pid)
                    .query(Boolean.class)
                    .single();
        } catch (RuntimeException e) {
            log.warn("Could not cancel the statement of refresh {}: {}", run.jobId, e.getMessage());
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), NEW_YORK);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // --- lifecycle: on shutdown, stop runs at their next safe point before the web server drains

    @Override
    public void start() {
        if (background.isShutdown()) {
            background = Executors.newVirtualThreadPerTaskExecutor();
        }
        shuttingDown = false;
        running = true;
    }

    @Override
    public void stop() {
        shuttingDown = true;
        for (ActiveRun run : active.values()) {
            stopRun(run, "interrupted by shutdown");
        }
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!active.isEmpty() && System.nanoTime() < waitUntil) {
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
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

    private static final class ActiveRun {
        final UUID jobId;
        final LockedRun run;
        final int pid;
        final Instant deadline;
        volatile Thread thread;
        volatile String stopReason;

        ActiveRun(UUID jobId, LockedRun run, int pid, Instant deadline) {
            this.jobId = jobId;
            this.run = run;
            this.pid = pid;
            this.deadline = deadline;
        }
    }
}

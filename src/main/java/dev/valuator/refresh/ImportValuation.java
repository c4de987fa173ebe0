package dev.valuator.refresh;

import dev.valuator.holdings.AccountValuer;
import dev.valuator.holdings.Accounts;
import dev.valuator.marketdata.PriceSummary;
import dev.valuator.prices.Prices;
import dev.valuator.valuation.ValuationPhase;
import dev.valuator.valuation.ValuationRequest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Values an imported account at once from the prices already stored: a run of its own under the
 * refresh lock, recorded as a job (source {@link Source#IMPORT}, trigger MANUAL) with the
 * valuation phase only and no provider call. When a run holds the lock nothing is recorded: the
 * account stays stale and that run (or the next) values it. Nor is anything recorded when no
 * stored price falls on or after the first date the import made stale: there is nothing to value
 * yet, and the next run fetches those prices and values the account.
 */
@Component
class ImportValuation implements AccountValuer {

    private static final Logger log = LoggerFactory.getLogger(ImportValuation.class);
    private final RefreshLock lock;
    private final RefreshJobs jobs;
    private final ValuationPhase valuationPhase;
    private final RefreshService service;
    private final RefreshProperties properties;
    private final RunObservers observers;
    private final Accounts accounts;
    private final Prices prices;
    private final JsonMapper json;
    private final Clock clock;

    ImportValuation(
            RefreshLock lock,
            RefreshJobs jobs,
            ValuationPhase valuationPhase,
            RefreshService service,
            RefreshProperties properties,
            RunObservers observers,
            Accounts accounts,
            Prices prices,
            JsonMapper json,
            Clock clock) {
        this.lock = lock;
        this.jobs = jobs;
        this.valuationPhase = valuationPhase;
        this.service = service;
        this.properties = properties;
        this.observers = observers;
        this.accounts = accounts;
        this.prices = prices;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean valueNow(String accountId) {
        if (service.stopping() || !pricesToValueFrom(accountId)) {
            return false;
        }
        RefreshLock.Held held;
        try {
            held = lock.tryAcquire(properties.maxRuntime().plusMinutes(1)).orElse(null);
        } catch (SQLException | RuntimeException e) {
            log.warn(
                    "Import into {}: the refresh lock could not be taken; the next run values it: {}",
                    accountId,
                    e.getMessage());
            return false;
        }
        if (held == null) {
            log.info(
                    "Import into {}: a refresh run holds the lock; that run or the next values the account", accountId);
            return false;
        }
        UUID jobId = UUID.randomUUID();
        boolean valued = false;
        try {
            Instant startedAt = now();
            Instant deadline = startedAt.plus(properties.maxRuntime());
            jobs.insertRunning(
                    jobId,
                    Source.IMPORT,
                    new RefreshRequest(accountId, null, null, null),
                    startedAt,
                    held.backendPid(),
                    InstanceId.get(),
                    deadline);
            observers.started(jobId, Source.IMPORT);
            LockedRun run = new LockedRun(
                    jobId,
                    held.connection(),
                    held.backendPid(),
                    deadline,
                    clock,
                    service::stopping,
                    progress -> jobs.saveProgress(jobId, progress));
            var valuation = valuationPhase.run(new ValuationRequest(accountId, null, null, earliest()), run);
            valued = RefreshJobs.finish(
                    run.jdbc(), json, jobId, JobStatus.SUCCEEDED, now(), PriceSummary.none(0, 0), valuation, null);
        } catch (RuntimeException e) {
            log.error(
                    "Import into {}: valuing the account failed (job {}); the next run values it", accountId, jobId, e);
            try {
                jobs.finish(
                        jobId,
                        JobStatus.FAILED,
                        now(),
                        null,
                        null,
                        "valuing account " + accountId + " after its import failed; the next refresh values it (job "
                                + jobId + "; the service log has the details)");
            } catch (RuntimeException finishFailed) {
                log.error("Import valuation {}: its row could not be closed (the reaper will)", jobId, finishFailed);
            }
        } finally {
            held.close();
        }
        jobs.find(jobId).ifPresent(job -> {
            log.info(
                    "Import valuation {} of {} ended {}: valuation={}",
                    jobId,
                    accountId,
                    job.status(),
                    job.valuation());
            observers.finished(job, Source.IMPORT);
        });
        return valued;
    }

    private boolean pricesToValueFrom(String accountId) {
        LocalDate earliest = earliest();
        LocalDate from = accounts.snapshotsStaleFrom(accountId)
                .filter(stale -> stale.isAfter(earliest))
                .orElse(earliest);
        return prices.anyFrom(from);
    }

    /** Like a run without {@code from}: no further back than {@code VALUATION_MAX_BACKFILL_DAYS}. */
    private LocalDate earliest() {
        return LocalDate.ofInstant(clock.instant(), RefreshService.NEW_YORK).minusDays(properties.maxBackfillDays());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

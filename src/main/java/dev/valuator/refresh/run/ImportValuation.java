package dev.valuator.refresh.run;

import dev.valuator.holdings.AccountValuer;
import dev.valuator.holdings.Accounts;
import dev.valuator.marketdata.PriceSummary;
import dev.valuator.prices.Prices;
import dev.valuator.refresh.config.RefreshProperties;
import dev.valuator.refresh.jobs.JobStatus;
import dev.valuator.refresh.jobs.RefreshJob;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.valuation.ValuationPhase;
import dev.valuator.valuation.ValuationRequest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Values an imported account at once from the prices already stored: a run of its own through
 * {@link RunLauncher} (the lock, the job row, the stops), recorded as a job (source {@link
 * Caller#IMPORT}, trigger MANUAL) with the valuation phase only and no provider call. When a run
 * holds the lock nothing is recorded: the account stays stale and that run (or the next) values
 * it. Nor is anything recorded when no stored price falls on or after the first date the import
 * made stale: there is nothing to value yet, and the next run fetches those prices and values
 * the account.
 */
@Component
class ImportValuation implements AccountValuer {

    private static final Logger log = LoggerFactory.getLogger(ImportValuation.class);
    private final RunLauncher launcher;
    private final ActiveRuns active;
    private final ValuationPhase valuationPhase;
    private final Accounts accounts;
    private final Prices prices;
    private final RefreshProperties properties;
    private final Clock clock;

    ImportValuation(
            RunLauncher launcher,
            ActiveRuns active,
            ValuationPhase valuationPhase,
            Accounts accounts,
            Prices prices,
            RefreshProperties properties,
            Clock clock) {
        this.launcher = launcher;
        this.active = active;
        this.valuationPhase = valuationPhase;
        this.accounts = accounts;
        this.prices = prices;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean valueNow(String accountId) {
        if (active.stopping() || !pricesToValueFrom(accountId)) {
            return false;
        }
        Optional<RunLauncher.Opened> opened;
        try {
            opened = launcher.open(Caller.IMPORT, new RefreshRequest(accountId, null, null, null));
        } catch (SQLException | RuntimeException e) {
            log.warn(
                    "Import into {}: the refresh lock could not be taken; the next run values it: {}",
                    accountId,
                    e.getMessage());
            return false;
        }
        if (opened.isEmpty()) {
            log.info(
                    "Import into {}: a refresh run holds the lock; that run or the next values the account", accountId);
            return false;
        }
        RefreshJob job = launcher.complete(
                opened.get(),
                (run, results) -> {
                    LocalDate earliest = properties.earliest(clock);
                    results.valuation(valuationPhase.run(new ValuationRequest(accountId, null, null, earliest), run));
                    results.price(PriceSummary.none(0, 0));
                },
                (e, run) -> {
                    log.error(
                            "Import into {}: valuing the account failed (job {}); the next run values it",
                            accountId,
                            run.jobId(),
                            e);
                    return "valuing the account after its import failed; the next refresh values it" + " (job "
                            + run.jobId() + "; the service log has the details)";
                });
        return job.status() == JobStatus.SUCCEEDED;
    }

    private boolean pricesToValueFrom(String accountId) {
        LocalDate earliest = properties.earliest(clock);
        LocalDate from = accounts.snapshotsStaleFrom(accountId)
                .filter(stale -> stale.isAfter(earliest))
                .orElse(earliest);
        return prices.anyFrom(from);
    }
}

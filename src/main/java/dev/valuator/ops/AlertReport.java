package dev.valuator.ops;

import dev.valuator.marketdata.polygon.PolygonProperties;
import dev.valuator.marketdata.stale.SymbolInquiries;
import dev.valuator.refresh.config.Cadence;
import dev.valuator.refresh.config.RefreshProperties;
import dev.valuator.refresh.jobs.JobAlerts;
import dev.valuator.refresh.jobs.JobStatus;
import dev.valuator.refresh.jobs.RefreshJob;
import dev.valuator.refresh.jobs.RefreshJobs;
import dev.valuator.valuation.Valuations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The alert policy of docs/api.md, judged against the expected cadence (the cron, its zone and the
 * NYSE calendar), so a quiet weekend or holiday never warns and DST never shifts a tick:
 * WARNING when nothing has succeeded since two expected ticks ago or a run outlives its maximum;
 * CRITICAL when the three most recent finished runs all failed.
 */
@Component
public class AlertReport {

    static final int CRITICAL_AFTER = 3;
    /** Unpriced symbols named in a reason; the rest are counted. */
    static final int NAMED = 10;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private final JobAlerts alerts;
    private final RefreshJobs jobs;
    private final Cadence cadence;
    private final RefreshProperties properties;
    private final PolygonProperties polygon;
    private final Valuations valuations;
    private final SymbolInquiries inquiries;
    private final Clock clock;

    AlertReport(
            JobAlerts alerts,
            RefreshJobs jobs,
            Cadence cadence,
            RefreshProperties properties,
            PolygonProperties polygon,
            Valuations valuations,
            SymbolInquiries inquiries,
            Clock clock) {
        this.alerts = alerts;
        this.jobs = jobs;
        this.cadence = cadence;
        this.properties = properties;
        this.polygon = polygon;
        this.valuations = valuations;
        this.inquiries = inquiries;
        this.clock = clock;
    }

    /** How bad things are. */
    public enum Level {
        OK,
        WARNING,
        CRITICAL
    }

    /**
     * The alert verdict.
     *
     * @param shouldWarn level is not OK
     * @param level OK, WARNING or CRITICAL
     * @param reasons one actionable sentence per finding
     */
    public record Alert(boolean shouldWarn, Level level, List<String> reasons) {}

    /**
     * The report of {@code GET /api/valuations/refresh/alerts}.
     *
     * @param lookbackHours the window of the totals
     * @param totals jobs started in the window by status
     * @param latestSuccessAt when the newest successful run finished, or null
     * @param latestFailureAt when the newest failed run finished, or null
     * @param consecutiveFailures FAILED runs since the last success (SKIPPED_CONFLICT ignored)
     * @param alert the verdict
     */
    public record Report(
            int lookbackHours,
            JobAlerts.Totals totals,
            Instant latestSuccessAt,
            Instant latestFailureAt,
            int consecutiveFailures,
            Alert alert) {}

    public Report report(int lookbackHours) {
        Instant now = clock.instant();
        JobAlerts.Totals totals = alerts.totalsSince(now.minus(Duration.ofHours(lookbackHours)));
        Instant latestSuccess = alerts.latestFinished(JobStatus.SUCCEEDED).orElse(null);
        Instant latestFailure = alerts.latestFinished(JobStatus.FAILED).orElse(null);
        List<JobAlerts.Finished> recent = alerts.recentFinished(50);
        int consecutiveFailures = 0;
        while (consecutiveFailures < recent.size()
                && recent.get(consecutiveFailures).status() == JobStatus.FAILED) {
            consecutiveFailures++;
        }

        List<String> critical = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (consecutiveFailures >= CRITICAL_AFTER) {
            critical.add("The last " + consecutiveFailures + " refresh runs failed (latest at "
                    + format(recent.getFirst().finishedAt()) + ": "
                    + recent.getFirst().error() + "); fix the cause, then run POST /api/valuations/refresh.");
        }
        staleness(now, latestSuccess).ifPresent(warnings::add);
        unpriced().ifPresent(warnings::add);
        for (RefreshJob running : alerts.running()) {
            Duration age = Duration.between(running.startedAt(), now);
            if (age.compareTo(properties.maxRuntime()) > 0) {
                warnings.add("Refresh " + running.jobId() + " has been running for " + minutes(age)
                        + ", longer than VALUATION_REFRESH_MAX_RUNTIME (" + minutes(properties.maxRuntime())
                        + "); check its logs and the database for a stuck statement.");
            }
        }
        warnings.addAll(staleHoldings());
        Level level = !critical.isEmpty() ? Level.CRITICAL : !warnings.isEmpty() ? Level.WARNING : Level.OK;
        List<String> reasons = new ArrayList<>(critical);
        reasons.addAll(warnings);
        if (consecutiveFailures == 0) {
            backfill().ifPresent(reasons::add);
        }
        return new Report(
                lookbackHours,
                totals,
                latestSuccess,
                latestFailure,
                consecutiveFailures,
                new Alert(level != Level.OK, level, List.copyOf(reasons)));
    }

    /**
     * Information, not a warning: the newest successful run stopped at its budget and later runs
     * go on from there. The days not fetched yet are expected to be missing meanwhile.
     */
    private java.util.Optional<String> backfill() {
        return jobs.lastSucceeded()
                .map(RefreshJob::price)
                .map(price -> price.get("remaining"))
                .filter(remaining -> remaining != null && remaining.isObject())
                .map(remaining -> {
                    long calls = remaining.path("calls").asLong();
                    long minutes = remaining.path("estimatedMinutes").asLong();
                    int rate = polygon.rateLimitPerMinute();
                    return "Backfill in progress: " + calls + " call" + (calls == 1 ? "" : "s") + ", about " + minutes
                            + " minute" + (minutes == 1 ? "" : "s")
                            + (rate > 0 ? " at " + rate + " call" + (rate == 1 ? "" : "s") + " a minute" : "")
                            + ", remain; each run goes on where the last one stopped.";
                });
    }

    /**
     * One sentence per symbol held at a STALE price: since when, by how many accounts, what the
     * provider says, and the corporate action that would mend it.
     */
    private List<String> staleHoldings() {
        List<Valuations.StaleHolding> stale = valuations.staleHoldings();
        if (stale.isEmpty()) {
            return List.of();
        }
        var said =
                inquiries.of(stale.stream().map(Valuations.StaleHolding::symbol).toList());
        List<String> sentences = new ArrayList<>();
        for (Valuations.StaleHolding holding : stale) {
            SymbolInquiries.Inquiry inquiry = said.get(holding.symbol());
            String symbol = holding.symbol();
            String held = holding.accounts() + " account" + (holding.accounts() == 1 ? "" : "s");
            String provider;
            String action;
            if (inquiry != null && inquiry.newSymbol() != null) {
                provider = "the provider says it became " + inquiry.newSymbol() + " on " + inquiry.changeDate()
                        + ", which could not be applied to the ledger";
                action = "record the TICKER_CHANGE " + symbol + " → " + inquiry.newSymbol() + " dated "
                        + inquiry.changeDate() + " (or a STOCK_MERGER with its ratio)";
            } else if (inquiry != null && inquiry.delistedOn() != null) {
                provider = "the provider says it was delisted on " + inquiry.delistedOn() + " and names no new ticker";
                action = "record what holders received, dated " + inquiry.delistedOn()
                        + ": a CASH_OUT at the price paid per share, or a STOCK_MERGER into the acquirer";
            } else if (inquiry != null && inquiry.answered()) {
                provider = "the provider still lists it as trading";
                action = "check the symbol with your broker and record a TICKER_CHANGE, STOCK_MERGER or CASH_OUT"
                        + " if one happened";
            } else if (inquiry != null) {
                provider = "the provider did not answer when asked (" + inquiry.calls() + " calls)";
                action = "record a TICKER_CHANGE, STOCK_MERGER or CASH_OUT if one happened";
            } else {
                provider = "the provider has not been asked yet";
                action = "wait for the next refresh or record a TICKER_CHANGE, STOCK_MERGER or CASH_OUT";
            }
            sentences.add(symbol + " has had no close since " + holding.lastClose() + " and is held by " + held + "; "
                    + provider + ": " + action + " with POST /api/corporate-actions.");
        }
        return sentences;
    }

    /** A warning while the newest finished run left symbols unpriced: the next run that prices them clears it. */
    private java.util.Optional<String> unpriced() {
        return alerts.latestUnpriced(NAMED).map(unpriced -> {
            int more = unpriced.count() - unpriced.named().size();
            return "The latest refresh (finished " + format(unpriced.finishedAt()) + ") left " + unpriced.count()
                    + " symbol" + (unpriced.count() == 1 ? "" : "s") + " unpriced: "
                    + String.join(", ", unpriced.named()) + (more > 0 ? " and " + more + " more" : "")
                    + ". Their errors are in price.failures of that job (GET /api/valuations/refresh/jobs);"
                    + " the next run asks for them again.";
        });
    }

    private java.util.Optional<String> staleness(Instant now, Instant latestSuccess) {
        List<Instant> lastTwo = lastExpectedTicks(now, 2);
        if (lastTwo.size() < 2) {
            return java.util.Optional.empty();
        }
        Instant secondLast = lastTwo.getFirst();
        if (latestSuccess != null && !latestSuccess.isBefore(secondLast)) {
            return java.util.Optional.empty();
        }
        if (latestSuccess == null) {
            return java.util.Optional.of("No refresh has succeeded yet; expected runs were due at " + format(secondLast)
                    + " and " + format(lastTwo.getLast())
                    + ". Check the cron caller, POLYGON_API_KEY and the jobs list.");
        }
        int missed = cadence.between(latestSuccess, now).size();
        return java.util.Optional.of("No refresh has succeeded since " + format(latestSuccess) + "; " + missed
                + " expected run" + (missed == 1 ? " was" : "s were")
                + " missed. Check the cron caller and the latest FAILED jobs in /api/valuations/refresh/jobs.");
    }

    /** The last {@code count} expected ticks at or before {@code now}, oldest first. */
    List<Instant> lastExpectedTicks(Instant now, int count) {
        for (Duration window : List.of(Duration.ofDays(7), Duration.ofDays(35), Duration.ofDays(400))) {
            List<Instant> ticks = cadence.between(now.minus(window), now);
            if (ticks.size() >= count) {
                return ticks.subList(ticks.size() - count, ticks.size());
            }
        }
        return List.of();
    }

    private String format(Instant instant) {
        ZoneId zone = cadence.schedule().zone();
        String id = zone.getId();
        String place = id.contains("/") ? id.substring(id.lastIndexOf('/') + 1).replace('_', ' ') : id;
        return WHEN.format(instant.atZone(zone)) + " " + place;
    }

    private static String minutes(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes >= 1 ? minutes + " min" : duration.toSeconds() + " s";
    }
}

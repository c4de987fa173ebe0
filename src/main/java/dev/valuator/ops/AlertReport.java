package dev.valuator.ops;

import dev.valuator.marketdata.polygon.PolygonProperties;
import dev.valuator.refresh.config.Cadence;
import dev.valuator.refresh.config.RefreshProperties;
import dev.valuator.refresh.jobs.JobAlerts;
import dev.valuator.refresh.jobs.JobStatus;
import dev.valuator.refresh.jobs.RefreshJob;
import dev.valuator.refresh.jobs.RefreshJobs;
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
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private final JobAlerts alerts;
    private final RefreshJobs jobs;
    private final Cadence cadence;
    private final RefreshProperties properties;
    private final PolygonProperties polygon;
    private final Clock clock;

    AlertReport(
            JobAlerts alerts,
            RefreshJobs jobs,
            Cadence cadence,
            RefreshProperties properties,
            PolygonProperties polygon,
            Clock clock) {
        this.alerts = alerts;
        this.jobs = jobs;
        this.cadence = cadence;
        this.properties = properties;
        this.polygon = polygon;
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
        for (RefreshJob running : alerts.running()) {
            Duration age = Duration.between(running.startedAt(), now);
            if (age.compareTo(properties.maxRuntime()) > 0) {
                warnings.add("Refresh " + running.jobId() + " has been running for " + minutes(age)
                        + ", longer than VALUATION_REFRESH_MAX_RUNTIME (" + minutes(properties.maxRuntime())
                        + "); check its logs and the database for a stuck statement.");
            }
        }
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

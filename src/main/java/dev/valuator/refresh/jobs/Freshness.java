package dev.valuator.refresh.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.valuator.prices.FreshnessMarks;
import dev.valuator.refresh.config.Cadence;
import dev.valuator.refresh.request.Caller;
import dev.valuator.refresh.request.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/valuations/refresh}: how fresh prices and valuations are, in O(1) reads. */
@Component
public class Freshness {

    private final FreshnessMarks marks;
    private final RefreshJobs jobs;
    private final Cadence cadence;
    private final Clock clock;

    Freshness(FreshnessMarks marks, RefreshJobs jobs, Cadence cadence, Clock clock) {
        this.marks = marks;
        this.jobs = jobs;
        this.cadence = cadence;
        this.clock = clock;
    }

    /**
     * The freshness report of docs/api.md.
     *
     * @param lastPriceFetchedAt when bars were last stored
     * @param lastValuationMaterializedAt when valuations were last written
     * @param latestPriceDate newest trading date with a stored bar
     * @param latestSnapshotDate newest snapshot date
     * @param running the run holding the lock, or null
     * @param lastSucceeded the newest SUCCEEDED job, or null
     * @param nextScheduledAt the next expected tick of the cadence, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Report(
            Instant lastPriceFetchedAt,
            Instant lastValuationMaterializedAt,
            LocalDate latestPriceDate,
            LocalDate latestSnapshotDate,
            Running running,
            RefreshJob lastSucceeded,
            Instant nextScheduledAt) {

        /** The report an anonymous caller sees: no account id (docs/api.md). */
        public Report redacted() {
            return lastSucceeded == null
                    ? this
                    : new Report(
                            lastPriceFetchedAt,
                            lastValuationMaterializedAt,
                            latestPriceDate,
                            latestSnapshotDate,
                            running,
                            lastSucceeded.redacted(),
                            nextScheduledAt);
        }
    }

    /**
     * A run in progress.
     *
     * @param jobId its row
     * @param trigger MANUAL or SCHEDULED
     * @param startedAt when it began
     * @param source what started it
     * @param progress how far it has got, or null before its first report
     */
    public record Running(UUID jobId, Trigger trigger, Instant startedAt, Caller source, JsonNode progress) {}

    public Report report() {
        FreshnessMarks.Marks row = marks.read();
        Running running = jobs.newestRunning()
                .map(j -> new Running(j.jobId(), j.trigger(), j.startedAt(), j.source(), j.progress()))
                .orElse(null);
        return new Report(
                row.lastPriceFetchedAt(),
                row.lastValuationMaterializedAt(),
                row.latestPriceDate(),
                row.latestSnapshotDate(),
                running,
                jobs.lastSucceeded().orElse(null),
                cadence.next(clock.instant()).orElse(null));
    }
}

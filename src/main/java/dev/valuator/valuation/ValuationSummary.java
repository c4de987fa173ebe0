package dev.valuator.valuation;

/**
 * The {@code valuation} object of a job row and refresh response (docs/api.md).
 *
 * @param accounts accounts whose valuations were (re)computed
 * @param dates distinct trading dates computed
 * @param positionValuationsUpserted position rows inserted or changed (unchanged rows are not rewritten)
 * @param snapshotsUpserted snapshot rows inserted or changed
 * @param partialSnapshots computed snapshots with an unpriced position
 * @param durationMs wall time of the valuation phase
 */
public record ValuationSummary(
        int accounts,
        int dates,
        long positionValuationsUpserted,
        long snapshotsUpserted,
        long partialSnapshots,
        long durationMs) {}

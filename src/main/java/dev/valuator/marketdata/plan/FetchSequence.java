package dev.valuator.marketdata.plan;

import dev.valuator.marketdata.plan.FetchPlanner.DateRange;
import dev.valuator.marketdata.plan.FetchPlanner.FetchPlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A plan's aggregates calls in the order a budgeted run makes them — oldest missing date first —
 * and what is still missing after any prefix of them. Fetching oldest first keeps the data
 * complete up to one date, so a run that stops early can value everything before it exactly.
 */
public final class FetchSequence {

    /**
     * One planned call.
     *
     * @param symbol the symbol of a per-symbol range call, or null for a grouped-daily call
     * @param date the grouped call's date, or the first date of the range
     * @param range the per-symbol call's range, or null
     */
    public record Call(String symbol, LocalDate date, DateRange range) {
        public boolean grouped() {
            return symbol == null;
        }
    }

    /**
     * What is missing once some calls are made.
     *
     * @param calls calls not made
     * @param dates dates with a missing bar
     * @param symbols symbols with a missing bar
     * @param firstMissing the oldest missing date, or null when nothing is missing
     */
    public record Missing(int calls, int dates, int symbols, LocalDate firstMissing) {}

    private final List<Call> calls;
    private final List<List<Cell>> cellsOfCall = new ArrayList<>();
    private final TreeMap<LocalDate, Integer> cellsPerDate = new TreeMap<>();
    private final Map<String, Integer> cellsPerSymbol = new HashMap<>();
    private int done;

    private record Cell(String symbol, LocalDate date) {}

    FetchSequence(FetchPlan plan, Map<String, SortedSet<LocalDate>> missing) {
        List<Call> ordered = new ArrayList<>();
        plan.perSymbol().forEach((symbol, range) -> ordered.add(new Call(symbol, range.from(), range)));
        plan.groupedDates().forEach(date -> ordered.add(new Call(null, date, null)));
        // per-symbol calls before a grouped call of the same date: each completes a whole symbol
        ordered.sort(Comparator.comparing(Call::date)
                .thenComparing(Call::grouped)
                .thenComparing(c -> c.symbol() == null ? "" : c.symbol()));
        this.calls = List.copyOf(ordered);
        // each missing cell is served by its symbol's range call, or else by its date's grouped call
        Map<LocalDate, List<Cell>> byDate = new HashMap<>();
        Map<String, List<Cell>> bySymbol = new HashMap<>();
        missing.forEach((symbol, dates) -> {
            boolean perSymbol = plan.perSymbol().containsKey(symbol);
            for (LocalDate date : dates) {
                Cell cell = new Cell(symbol, date);
                if (perSymbol) {
                    bySymbol.computeIfAbsent(symbol, s -> new ArrayList<>()).add(cell);
                } else {
                    byDate.computeIfAbsent(date, d -> new ArrayList<>()).add(cell);
                }
                cellsPerDate.merge(date, 1, Integer::sum);
                cellsPerSymbol.merge(symbol, 1, Integer::sum);
            }
        });
        for (Call call : calls) {
            cellsOfCall.add(
                    call.grouped()
                            ? byDate.getOrDefault(call.date(), List.of())
                            : bySymbol.getOrDefault(call.symbol(), List.of()));
        }
    }

    public List<Call> calls() {
        return calls;
    }

    /** Records that the next call in order was made (whether or not it delivered every bar). */
    public void made() {
        for (Cell cell : cellsOfCall.get(done)) {
            cellsPerDate.computeIfPresent(cell.date(), (d, n) -> n == 1 ? null : n - 1);
            cellsPerSymbol.computeIfPresent(cell.symbol(), (s, n) -> n == 1 ? null : n - 1);
        }
        done++;
    }

    /** The symbols the calls not made yet still have to fetch for. */
    public Set<String> symbolsLeft() {
        return Set.copyOf(cellsPerSymbol.keySet());
    }

    /** What the calls not made yet still have to fetch. */
    public Missing missing() {
        return new Missing(
                calls.size() - done,
                cellsPerDate.size(),
                cellsPerSymbol.size(),
                cellsPerDate.isEmpty() ? null : cellsPerDate.firstKey());
    }
}

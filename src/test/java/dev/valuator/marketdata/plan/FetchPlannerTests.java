package dev.valuator.marketdata.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.marketdata.plan.FetchPlanner.DateRange;
import dev.valuator.marketdata.plan.FetchPlanner.FetchPlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FetchPlannerTests {

    private static final LocalDate DAY = LocalDate.of(2026, 1, 5);

    @Test
    void manySymbolsOneMissingDayIsOneGroupedCall() {
        Map<String, Set<LocalDate>> missing = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            missing.put("S" + i, Set.of(DAY));
        }
        FetchPlan plan = FetchPlanner.plan(missing);
        assertThat(plan.calls()).isEqualTo(1);
        assertThat(plan.groupedDates()).containsExactly(DAY);
        assertThat(plan.label()).isEqualTo("GROUPED_DAILY");
    }

    @Test
    void fewSymbolsManyDaysIsOneRangeCallEach() {
        Map<String, Set<LocalDate>> missing = new HashMap<>();
        for (String symbol : List.of("AAPL", "BRK.B", "KIMpL")) {
            Set<LocalDate> days = new TreeSet<>();
            for (int d = 0; d < 60; d++) {
                days.add(DAY.plusDays(d));
            }
            missing.put(symbol, days);
        }
        FetchPlan plan = FetchPlanner.plan(missing);
        assertThat(plan.calls()).isEqualTo(3);
        assertThat(plan.label()).isEqualTo("PER_SYMBOL");
        assertThat(plan.perSymbol())
                .containsEntry("AAPL", new DateRange(DAY, DAY.plusDays(59)))
                .containsKeys("BRK.B", "KIMpL");
    }

    @Test
    void nothingMissingIsNoCall() {
        FetchPlan plan = FetchPlanner.plan(Map.of("AAPL", Set.of()));
        assertThat(plan.calls()).isZero();
        assertThat(plan.label()).isEqualTo("NONE");
    }

    @Test
    void mixesWhenThatIsCheapest() {
        // 50 symbols miss the latest day; one new symbol also misses 30 earlier days
        Map<String, Set<LocalDate>> missing = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            missing.put("S" + i, Set.of(DAY.plusDays(30)));
        }
        Set<LocalDate> history = new TreeSet<>();
        for (int d = 0; d <= 30; d++) {
            history.add(DAY.plusDays(d));
        }
        missing.put("NEW", history);
        FetchPlan plan = FetchPlanner.plan(missing);
        assertThat(plan.calls()).isEqualTo(2);
        assertThat(plan.label()).isEqualTo("MIXED");
        assertThat(plan.groupedDates()).containsExactly(DAY.plusDays(30));
        assertThat(plan.perSymbol()).containsOnlyKeys("NEW");
    }

    @Test
    void randomGraphsGetAValidCoverOfMinimumSize() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            int symbols = 1 + random.nextInt(6);
            int days = 1 + random.nextInt(6);
            Map<String, Set<LocalDate>> missing = new HashMap<>();
            for (int s = 0; s < symbols; s++) {
                Set<LocalDate> own = new TreeSet<>();
                for (int d = 0; d < days; d++) {
                    if (random.nextInt(3) == 0) {
                        own.add(DAY.plusDays(d));
                    }
                }
                missing.put("S" + s, own);
            }
            FetchPlan plan = FetchPlanner.plan(missing);
            missing.forEach((symbol, own) -> own.forEach(d -> assertThat(
                            plan.groupedDates().contains(d) || plan.perSymbol().containsKey(symbol))
                    .as("cell %s %s covered", symbol, d)
                    .isTrue()));
            assertThat(plan.calls()).as("round %d", round).isEqualTo(bruteForceMinimum(missing, days));
        }
    }

    /** Smallest number of calls by trying every subset of dates (then each uncovered symbol needs its own call). */
    private static int bruteForceMinimum(Map<String, Set<LocalDate>> missing, int days) {
        int best = Integer.MAX_VALUE;
        for (int mask = 0; mask < (1 << days); mask++) {
            List<LocalDate> grouped = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                if ((mask & (1 << d)) != 0) {
                    grouped.add(DAY.plusDays(d));
                }
            }
            int calls = grouped.size();
            for (Set<LocalDate> own : missing.values()) {
                if (!grouped.containsAll(own)) {
                    calls++;
                }
            }
            best = Math.min(best, calls);
        }
        return best;
    }
}

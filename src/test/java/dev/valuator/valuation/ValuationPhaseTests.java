package dev.valuator.valuation;

import static dev.valuator.valuation.ValuationFixtures.JAN_10;
import static dev.valuator.valuation.ValuationFixtures.JAN_2;
import static dev.valuator.valuation.ValuationFixtures.JAN_3;
import static dev.valuator.valuation.ValuationFixtures.JAN_6;
import static dev.valuator.valuation.ValuationFixtures.JAN_7;
import static dev.valuator.valuation.ValuationFixtures.JAN_8;
import static dev.valuator.valuation.ValuationFixtures.JAN_9;
import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.support.RunningService;
import dev.valuator.support.TestRunContext;
import dev.valuator.support.ValuatorTest;
import dev.valuator.system.RunContext;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

@ValuatorTest
class ValuationPhaseTests extends RunningService {

    private static final UUID JOB_1 = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID JOB_2 = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @Autowired
    ValuationPhase phase;

    @Autowired
    Clock clock;

    ValuationFixtures given;

    @BeforeEach
    void emptyTables() {
        given = new ValuationFixtures(jdbc, phase);
        given.aMarketDay(JAN_2, JAN_3, JAN_6, JAN_7, JAN_8);
    }

    @Test
    void averageCostAfterBuysAtDifferentPricesAndAPartialSell() {
        given.anAccount("avg");
        given.aBuy("avg", "AAA", JAN_2, "10", "100", "1");
        given.aBuy("avg", "AAA", JAN_3, "20", "110");
        given.aSell("avg", "AAA", JAN_6, "12", "120");
        given.aClose("AAA", JAN_2, "101");
        given.aClose("AAA", JAN_3, "111");
        given.aClose("AAA", JAN_6, "121");
        given.aClose("AAA", JAN_7, "122");

        ValuationSummary summary = given.valueAll(JOB_1);

        // Jan 2: 10 held, basis 10 × 100 + 1 fee = 1001; value 10 × 101 = 1010
        assertPosition("avg", JAN_2, "AAA", "10", "1001", "101", JAN_2, "1010", "9");
        // Jan 3: 30 held, basis 1001 + 20 × 110 = 3201; value 30 × 111 = 3330
        assertPosition("avg", JAN_3, "AAA", "30", "3201", "111", JAN_3, "3330", "129");
        // Jan 6: sold 12 of 30 removes 3201 × 12 / 30 = 1280.4 → basis 1920.6; value 18 × 121 = 2178
        assertPosition("avg", JAN_6, "AAA", "18", "1920.6", "121", JAN_6, "2178", "257.4");
        // Jan 7: 18 × 122 = 2196; pnl 2196 − 1920.6 = 275.4
        assertPosition("avg", JAN_7, "AAA", "18", "1920.6", "122", JAN_7, "2196", "275.4");
        // pnl% = 275.4 / 1920.6 × 100 = 14.33926897… → 14.339269
        assertSnapshot("avg", JAN_7, "2196", "1920.6", "275.4", "14.339269", 1, 1, false);
        // pnl% = 129 / 3201 × 100 = 4.0299906… → 4.029991
        assertSnapshot("avg", JAN_3, "3330", "3201", "129", "4.029991", 1, 1, false);
        // Jan 8 has no AAA close: carried from Jan 7
        assertPosition("avg", JAN_8, "AAA", "18", "1920.6", "122", JAN_7, "2196", "275.4");

        assertThat(summary.accounts()).isEqualTo(1);
        assertThat(summary.dates()).isEqualTo(5);
        assertThat(summary.positionValuationsUpserted()).isEqualTo(5);
        assertThat(summary.snapshotsUpserted()).isEqualTo(5);
        assertThat(summary.partialSnapshots()).isZero();
    }

    @Test
    void aDaysBuysApplyBeforeItsSellsWhateverTheirOrderOfEntry() {
        given.anAccount("sameday");
        given.aBuy("sameday", "AAA", JAN_2, "10", "100");
        // entered first, but the ledger only requires the end-of-day position to be covered
        given.aSell("sameday", "AAA", JAN_3, "5", "120");
        given.aBuy("sameday", "AAA", JAN_3, "10", "130");
        given.aClose("AAA", JAN_2, "100");
        given.aClose("AAA", JAN_3, "140");

        given.valueAll(JOB_1);

        // Jan 3: buy first: 20 held, basis 1000 + 1300 = 2300; then sell 5 of 20 removes
        // 2300 × 5 / 20 = 575 → basis 1725; 15 held, value 15 × 140 = 2100, pnl 375
        assertPosition("sameday", JAN_3, "AAA", "15", "1725", "140", JAN_3, "2100", "375");
    }

    @Test
    void aSellRemovesABasisFractionRoundedToTenPlacesAndSellingOutResetsIt() {
        given.anAccount("thirds");
        given.aBuy("thirds", "AAA", JAN_2, "3", "10", "1");
        given.aSell("thirds", "AAA", JAN_3, "1", "11");
        given.aSell("thirds", "AAA", JAN_6, "1", "11");
        given.aSell("thirds", "AAA", JAN_7, "1", "11");
        given.aBuy("thirds", "AAA", JAN_8, "2", "5");
        given.aClose("AAA", JAN_2, "10");

        given.valueAll(JOB_1);

        // basis 3 × 10 + 1 = 31; selling 1 of 3 removes round(31 / 3, 10) = 10.3333333333 → 20.6666666667
        assertPosition("thirds", JAN_3, "AAA", "2", "20.6666666667", "10", JAN_2, "20", "-0.6666666667");
        // selling 1 of 2 removes round(20.6666666667 / 2, 10) = round(10.33333333335, 10) = 10.3333333334
        // → 10.3333333333
        assertPosition("thirds", JAN_6, "AAA", "1", "10.3333333333", "10", JAN_2, "10", "-0.3333333333");
        // sold out on Jan 7: no position row, an empty snapshot
        assertThat(positionDates("thirds", "AAA")).containsExactly(JAN_2, JAN_3, JAN_6, JAN_8);
        assertSnapshot("thirds", JAN_7, "0", "0", "0", "0", 0, 0, false);
        // bought again: a fresh basis 2 × 5 = 10
        assertPosition("thirds", JAN_8, "AAA", "2", "10", "10", JAN_2, "20", "10");
    }

    @Test
    void aFourForOneSplitMultipliesQuantityAndKeepsTheBasis() {
        given.anAccount("split");
        given.aBuy("split", "BBB", JAN_2, "10", "400");
        given.aSplit("BBB", JAN_6, "1", "4");
        given.aSell("split", "BBB", JAN_7, "10", "103");
        given.aClose("BBB", JAN_3, "410");
        given.aClose("BBB", JAN_6, "102.5");
        given.aClose("BBB", JAN_7, "103");
        given.aClose("BBB", JAN_8, "104");
        // a trade on the split's execution date is already in post-split shares
        given.anAccount("on-split-day");
        given.aBuy("on-split-day", "BBB", JAN_2, "10", "400");
        given.aBuy("on-split-day", "BBB", JAN_6, "4", "100");

        given.valueAll(JOB_1);

        // Jan 2: no BBB close yet: unpriced
        assertPosition("split", JAN_2, "BBB", "10", "4000", null, null, null, null);
        // Jan 3: 10 × 410 = 4100
        assertPosition("split", JAN_3, "BBB", "10", "4000", "410", JAN_3, "4100", "100");
        // Jan 6: 10 × 4 / 1 = 40 shares, basis unchanged; 40 × 102.5 = 4100
        assertPosition("split", JAN_6, "BBB", "40", "4000", "102.5", JAN_6, "4100", "100");
        // Jan 7: a sell after the split: 10 of 40 removes 4000 × 10 / 40 = 1000 → 30 shares, basis 3000;
        // 30 × 103 = 3090
        assertPosition("split", JAN_7, "BBB", "30", "3000", "103", JAN_7, "3090", "90");
        // Jan 8: 30 × 104 = 3120
        assertPosition("split", JAN_8, "BBB", "30", "3000", "104", JAN_8, "3120", "120");
        // pnl% = 120 / 3000 × 100 = 4
        assertSnapshot("split", JAN_8, "3120", "3000", "120", "4", 1, 1, false);
        // Jan 2 snapshot: one unpriced position: value 0, cost 4000, partial
        assertSnapshot("split", JAN_2, "0", "4000", "-4000", "-100", 1, 0, true);

        // 10 pre-split → 40, plus 4 bought on the split date = 44; basis 4000 + 400 = 4400; 44 × 102.5 = 4510
        assertPosition("on-split-day", JAN_6, "BBB", "44", "4400", "102.5", JAN_6, "4510", "110");
    }

    @Test
    void aCloseCarriedOverASplitIsRestatedInPostSplitShares() {
        given.anAccount("carry");
        given.aBuy("carry", "CCC", JAN_2, "10", "400");
        given.aSplit("CCC", JAN_6, "1", "4");
        given.aClose("CCC", JAN_2, "400");
        given.aClose("CCC", JAN_3, "410");
        given.aClose("CCC", JAN_7, "103");

        given.valueAll(JOB_1);

        // Jan 6 has no CCC close: the Jan 3 close 410 is carried and divided by the ratio 4 → 102.5;
        // 40 × 102.5 = 4100
        assertPosition("carry", JAN_6, "CCC", "40", "4000", "102.5", JAN_3, "4100", "100");
        assertPosition("carry", JAN_7, "CCC", "40", "4000", "103", JAN_7, "4120", "120");
    }

    @Test
    void aOneForTenReverseSplitDividesQuantity() {
        given.anAccount("reverse");
        given.aBuy("reverse", "DDD", JAN_2, "105", "2");
        given.aSplit("DDD", JAN_6, "10", "1");
        given.aClose("DDD", JAN_3, "2.1");
        given.aClose("DDD", JAN_6, "21.5");

        given.valueAll(JOB_1);

        // Jan 3: 105 × 2.1 = 220.5; basis 105 × 2 = 210
        assertPosition("reverse", JAN_3, "DDD", "105", "210", "2.1", JAN_3, "220.5", "10.5");
        // Jan 6: 105 × 1 / 10 = 10.5 shares; 10.5 × 21.5 = 225.75
        assertPosition("reverse", JAN_6, "DDD", "10.5", "210", "21.5", JAN_6, "225.75", "15.75");
        // pnl% = 15.75 / 210 × 100 = 7.5
        assertSnapshot("reverse", JAN_6, "225.75", "210", "15.75", "7.5", 1, 1, false);
    }

    @Test
    void aSymbolWithoutACloseThatDayUsesTheLatestEarlierClose() {
        given.anAccount("gap");
        given.aBuy("gap", "EEE", JAN_2, "3", "50");
        given.aClose("EEE", JAN_2, "50");
        given.aClose("EEE", JAN_3, "51");
        given.aClose("EEE", JAN_6, "52");
        given.aClose("EEE", JAN_8, "53");

        given.valueAll(JOB_1);

        // Jan 7: no EEE close, the Jan 6 close 52 is used: 3 × 52 = 156; basis 150
        assertPosition("gap", JAN_7, "EEE", "3", "150", "52", JAN_6, "156", "6");
        assertPosition("gap", JAN_8, "EEE", "3", "150", "53", JAN_8, "159", "9");
        assertSnapshot("gap", JAN_7, "156", "150", "6", "4", 1, 1, false);
    }

    @Test
    void aSymbolNeverPricedMakesTheSnapshotPartial() {
        given.anAccount("partial");
        given.aBuy("partial", "AAA", JAN_2, "2", "100");
        given.aBuy("partial", "ZZZ", JAN_2, "5", "20");
        given.aClose("AAA", JAN_2, "110");

        ValuationSummary summary = given.valueAll(JOB_1);

        assertPosition("partial", JAN_2, "ZZZ", "5", "100", null, null, null, null);
        // value counts only AAA: 2 × 110 = 220; cost counts both: 200 + 5 × 20 = 300; pnl −80;
        // pnl% = −80 / 300 × 100 = −26.666666…
        assertSnapshot("partial", JAN_2, "220", "300", "-80", "-26.666667", 2, 1, true);
        assertThat(summary.partialSnapshots()).isEqualTo(5);
    }

    @Test
    void aWeekdayWithoutPriceDataOrAClosedDayHasNoSnapshot() {
        given.anAccount("days");
        given.aBuy("days", "AAA", JAN_8, "1", "10");
        given.aClose("AAA", JAN_8, "10");
        given.aClose("AAA", JAN_10, "12");
        // 2025-01-09: the market closed for a national day of mourning; nobody has a bar

        given.valueAll(JOB_1);

        assertThat(snapshotDates("days")).containsExactly(JAN_8, JAN_10);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM position_valuations WHERE valuation_date = ?", Integer.class, JAN_9))
                .isZero();

        // Jan 10 turns out closed (a provisional bar from a feed that should not have had one)
        given.aClosure(JAN_10);
        ValuationSummary summary = given.value(new ValuationRequest(null, JAN_8, JAN_10, null), JOB_2);

        assertThat(snapshotDates("days")).containsExactly(JAN_8);
        assertThat(positionDates("days", "AAA")).containsExactly(JAN_8);
        assertThat(summary.snapshotsUpserted()).isZero();
    }

    @Test
    void snapshotsStartAtTheFirstTradeAndContinueAfterEverythingIsSold() {
        given.anAccount("sold");
        given.aBuy("sold", "AAA", JAN_3, "1", "10");
        given.aSell("sold", "AAA", JAN_6, "1", "12");
        given.aClose("AAA", JAN_3, "11");

        given.valueAll(JOB_1);

        assertThat(snapshotDates("sold")).containsExactly(JAN_3, JAN_6, JAN_7, JAN_8);
        assertThat(positionDates("sold", "AAA")).containsExactly(JAN_3);
        assertSnapshot("sold", JAN_7, "0", "0", "0", "0", 0, 0, false);
    }

    @Test
    void aBackdatedTradeRecomputesOnlyTheDaysFromItsDate() {
        given.anAccount("late");
        given.aBuy("late", "AAA", JAN_2, "10", "100");
        given.aClose("AAA", JAN_2, "100");
        given.aClose("AAA", JAN_6, "110");
        given.valueAll(JOB_1);

        given.aBuy("late", "AAA", JAN_6, "5", "106");
        given.aLedgerChange("late", JAN_6);
        ValuationSummary summary = given.valueAll(JOB_2);

        // before the trade: untouched, still written by the first job
        assertThat(given.snapshot("late", JAN_3).get("job_id")).isEqualTo(JOB_1);
        assertThat(given.position("late", JAN_3, "AAA").get("job_id")).isEqualTo(JOB_1);
        // from Jan 6: 15 shares, basis 1000 + 5 × 106 = 1530; 15 × 110 = 1650
        assertPosition("late", JAN_6, "AAA", "15", "1530", "110", JAN_6, "1650", "120");
        assertThat(given.position("late", JAN_8, "AAA").get("job_id")).isEqualTo(JOB_2);
        assertThat(given.snapshot("late", JAN_8).get("job_id")).isEqualTo(JOB_2);
        // Jan 6, 7, 8 recomputed
        assertThat(summary.dates()).isEqualTo(3);
        assertThat(summary.positionValuationsUpserted()).isEqualTo(3);
        assertThat(summary.snapshotsUpserted()).isEqualTo(3);
        assertThat(staleFrom("late")).isNull();
    }

    @Test
    void aTradePostedDuringTheRunLeavesTheAccountStale() {
        given.anAccount("busy");
        given.aBuy("busy", "AAA", JAN_2, "1", "10");
        given.aLedgerChange("busy", JAN_2);
        AtomicBoolean posted = new AtomicBoolean();
        RunContext concurrentPost = new DelegatingRunContext(new TestRunContext(jdbc.getDataSource(), JOB_1)) {
            @Override
            public void checkpoint() {
                if (posted.compareAndSet(false, true)) {
                    given.aLedgerChange("busy", JAN_3);
                }
            }
        };

        phase.run(new ValuationRequest(null, null, null, null), concurrentPost);

        assertThat(snapshotDates("busy")).containsExactly(JAN_2, JAN_3, JAN_6, JAN_7, JAN_8);
        assertThat(staleFrom("busy")).isEqualTo(JAN_2);
    }

    @Test
    void aRemovedTradeDeletesWhatItProduced() {
        given.anAccount("undo");
        given.aBuy("undo", "AAA", JAN_2, "10", "100");
        long mistake = given.aBuy("undo", "EEE", JAN_6, "5", "50");
        given.aClose("AAA", JAN_2, "100");
        given.aClose("EEE", JAN_6, "50");
        given.anAccount("gone");
        long only = given.aBuy("gone", "AAA", JAN_3, "1", "100");
        given.valueAll(JOB_1);
        assertThat(positionDates("undo", "EEE")).containsExactly(JAN_6, JAN_7, JAN_8);

        given.aRemovedTrade("undo", mistake, JAN_6);
        given.aRemovedTrade("gone", only, JAN_3);
        given.valueAll(JOB_2);

        assertThat(positionDates("undo", "EEE")).isEmpty();
        // Jan 7: only AAA remains: 10 × 100 = 1000 at cost 1000
        assertSnapshot("undo", JAN_7, "1000", "1000", "0", "0", 1, 1, false);
        assertThat(snapshotDates("undo")).containsExactly(JAN_2, JAN_3, JAN_6, JAN_7, JAN_8);
        assertThat(snapshotDates("gone")).isEmpty();
        assertThat(positionDates("gone", "AAA")).isEmpty();
        assertThat(staleFrom("undo")).isNull();
    }

    @Test
    void aSecondRunOverUnchangedInputsRewritesNothing() {
        given.anAccount("again");
        given.aBuy("again", "AAA", JAN_2, "10", "100");
        given.aBuy("again", "ZZZ", JAN_3, "1", "5");
        given.aSplit("AAA", JAN_7, "1", "2");
        given.aClose("AAA", JAN_2, "100");
        given.aClose("AAA", JAN_7, "51");
        ValuationRequest everything = new ValuationRequest(null, JAN_2, JAN_8, null);
        given.value(everything, JOB_1);
        List<Map<String, Object>> positionsBefore = jdbc.queryForList(ALL_POSITIONS);
        List<Map<String, Object>> snapshotsBefore = jdbc.queryForList(ALL_SNAPSHOTS);
        List<String> tuplesBefore = jdbc.queryForList(ROW_VERSIONS, String.class);

        ValuationSummary again = given.value(everything, JOB_2);
        ValuationSummary incremental = given.valueAll(JOB_2);

        assertThat(jdbc.queryForList(ALL_POSITIONS)).isEqualTo(positionsBefore);
        assertThat(jdbc.queryForList(ALL_SNAPSHOTS)).isEqualTo(snapshotsBefore);
        assertThat(jdbc.queryForList(ROW_VERSIONS, String.class)).isEqualTo(tuplesBefore);
        assertThat(again.positionValuationsUpserted()).isZero();
        assertThat(again.snapshotsUpserted()).isZero();
        assertThat(again.accounts()).isEqualTo(1);
        assertThat(again.dates()).isEqualTo(5);
        assertThat(incremental.accounts()).isZero();
        assertThat(incremental.dates()).isZero();
        assertThat(positionsBefore)
                .hasSize(9)
                .allSatisfy(row -> assertThat(row.get("job_id")).isEqualTo(JOB_1));
    }

    @Test
    void dayByDayRunsWriteExactlyWhatOneFullRunWrites() {
        // basis fractions, a split with a trade on its date, a reverse split, fractional shares,
        // a sell-out and a re-buy, a carried close over a split
        given.anAccount("daily");
        given.aBuy("daily", "AAA", JAN_2, "3", "10", "1");
        given.aSell("daily", "AAA", JAN_3, "1", "11");
        given.aSell("daily", "AAA", JAN_7, "2", "11");
        given.aBuy("daily", "AAA", JAN_8, "0.125", "7.3");
        given.aBuy("daily", "BBB", JAN_2, "10", "400");
        given.aBuy("daily", "BBB", JAN_6, "4", "100");
        given.aSell("daily", "BBB", JAN_7, "13", "103");
        given.aBuy("daily", "DDD", JAN_3, "105.5", "2");
        given.aSplit("BBB", JAN_6, "1", "4");
        given.aSplit("DDD", JAN_7, "10", "1");
        given.aClose("AAA", JAN_2, "10");
        given.aClose("BBB", JAN_3, "410");
        given.aClose("BBB", JAN_7, "103");
        given.aClose("DDD", JAN_3, "2.1");
        given.aClose("DDD", JAN_8, "21.5");
        given.anAccount("later");
        given.aBuy("later", "AAA", JAN_6, "1", "10");
        // income and realized P&L carried from day to day: 3 AAA × 0.1, 44 BBB (post-split) × 0.5
        given.aDividend("AAA", JAN_3, "0.1");
        given.aDividend("BBB", JAN_7, "0.5");

        for (LocalDate day : List.of(JAN_2, JAN_3, JAN_6, JAN_7, JAN_8)) {
            given.value(new ValuationRequest(null, null, day, null), JOB_1);
        }
        List<String> dayByDay = jdbc.queryForList(ROWS_AS_TEXT, String.class);
        jdbc.update("TRUNCATE position_valuations, portfolio_snapshots, dividend_income");
        given.valueAll(JOB_1);

        assertThat(jdbc.queryForList(ROWS_AS_TEXT, String.class))
                // snapshots + AAA/BBB/DDD of "daily" + AAA of "later" + two dividends of "daily"
                .hasSize(8 + 4 + 5 + 4 + 3 + 2)
                .containsExactlyElementsOf(dayByDay);
        assertThat(given.snapshot("daily", JAN_8).get("income_to_date")).isEqualTo(new BigDecimal("22.3"));
    }

    @Test
    void theDailyRunCarriesTheStoredPositionsForwardInsteadOfReplayingTheLedger() {
        given.anAccount("carried");
        given.aBuy("carried", "AAA", JAN_2, "10", "100");
        given.aClose("AAA", JAN_2, "100");
        given.value(new ValuationRequest(null, null, JAN_3, null), JOB_1);
        // the stored state is what the next day starts from: alter it and the next day follows
        jdbc.update(
                "UPDATE position_valuations SET quantity = 11, cost_basis = 1100.5 WHERE valuation_date = ?", JAN_3);

        given.value(new ValuationRequest(null, null, JAN_6, null), JOB_2);

        assertPosition("carried", JAN_6, "AAA", "11", "1100.5", "100", JAN_2, "1100", "-0.5");
    }

    @Test
    void aSplitLearnedAfterTheLastSnapshotIsAppliedToTheNextDay() {
        given.anAccount("late");
        given.aBuy("late", "BBB", JAN_2, "10", "400");
        given.aClose("BBB", JAN_2, "400");
        given.value(new ValuationRequest(null, null, JAN_6, null), JOB_1);
        assertPosition("late", JAN_6, "BBB", "10", "4000", "400", JAN_2, "4000", "0");

        // learned now, executed on Jan 6: the stored Jan 6 positions do not know it
        jdbc.update("""
                INSERT INTO split_events (symbol, execution_date, split_from, split_to, fetched_at)
                VALUES ('BBB', ?, 1, 4, ?)""", JAN_6, Timestamp.from(clock.instant()));
        given.aClose("BBB", JAN_7, "101");
        given.value(new ValuationRequest(null, null, JAN_7, null), JOB_2);

        // 10 × 4 = 40 shares, basis unchanged; 40 × 101 = 4040
        assertPosition("late", JAN_7, "BBB", "40", "4000", "101", JAN_7, "4040", "40");
    }

    @Test
    void aRunAfterAnOutageBackfillsEveryMissedDay() {
        jdbc.update("DELETE FROM daily_prices WHERE trade_date > ?", JAN_3);
        given.anAccount("outage");
        given.aBuy("outage", "AAA", JAN_2, "1", "10");
        given.aClose("AAA", JAN_2, "10");
        given.valueAll(JOB_1);
        assertThat(snapshotDates("outage")).containsExactly(JAN_2, JAN_3);

        given.aMarketDay(JAN_6, JAN_7, JAN_8);
        ValuationSummary summary = given.valueAll(JOB_2);

        assertThat(snapshotDates("outage")).containsExactly(JAN_2, JAN_3, JAN_6, JAN_7, JAN_8);
        assertThat(summary.dates()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT latest_snapshot_date FROM freshness", LocalDate.class))
                .isEqualTo(JAN_8);
    }

    @Test
    void oneAccountInScopeLeavesTheOthersAlone() {
        given.anAccount("one");
        given.anAccount("other");
        given.aBuy("one", "AAA", JAN_2, "1", "10");
        given.aBuy("other", "AAA", JAN_2, "1", "10");

        ValuationSummary summary = given.value(new ValuationRequest("one", null, null, null), JOB_1);

        assertThat(summary.accounts()).isEqualTo(1);
        assertThat(snapshotDates("one")).hasSize(5);
        assertThat(snapshotDates("other")).isEmpty();
    }

    private static final String ALL_POSITIONS = "SELECT * FROM position_valuations ORDER BY 1, 2, 3";
    private static final String ALL_SNAPSHOTS = "SELECT * FROM portfolio_snapshots ORDER BY 1, 2";
    // every stored digit and scale, without the job and time of writing
    private static final String ROWS_AS_TEXT = """
            SELECT concat_ws(' ', account_id, valuation_date, symbol, quantity, cost_basis, close_price, price_date,
                             market_value, unrealized_pnl)
            FROM position_valuations
            UNION ALL
            SELECT concat_ws(' ', account_id, snapshot_date, total_value, total_cost, total_pnl, pnl_percent,
                             position_count, priced_position_count, partial, income, income_to_date,
                             realized_pnl_to_date, net_flow)
            FROM portfolio_snapshots
            UNION ALL
            SELECT concat_ws(' ', account_id, ex_date, symbol, dividend_key, per_share, shares, amount, pay_date)
            FROM dividend_income
            ORDER BY 1""";
    // xmin changes whenever a row is rewritten, even with identical values
    private static final String ROW_VERSIONS = """
            SELECT xmin::text FROM position_valuations UNION ALL SELECT xmin::text FROM portfolio_snapshots""";

    private List<LocalDate> snapshotDates(String accountId) {
        return jdbc
                .queryForList(
                        "SELECT snapshot_date FROM portfolio_snapshots WHERE account_id = ? ORDER BY 1",
                        Date.class,
                        accountId)
                .stream()
                .map(Date::toLocalDate)
                .toList();
    }

    private List<LocalDate> positionDates(String accountId, String symbol) {
        return jdbc
                .queryForList(
                        "SELECT valuation_date FROM position_valuations WHERE account_id = ? AND symbol = ? ORDER BY 1",
                        Date.class,
                        accountId,
                        symbol)
                .stream()
                .map(Date::toLocalDate)
                .toList();
    }

    private LocalDate staleFrom(String accountId) {
        return jdbc.queryForObject(
                "SELECT snapshots_stale_from FROM accounts WHERE account_id = ?", LocalDate.class, accountId);
    }

    private void assertPosition(
            String accountId,
            LocalDate date,
            String symbol,
            String quantity,
            String costBasis,
            String close,
            LocalDate priceDate,
            String marketValue,
            String unrealizedPnl) {
        Map<String, Object> row = given.position(accountId, date, symbol);
        assertThat((BigDecimal) row.get("quantity")).as("quantity").isEqualByComparingTo(quantity);
        assertThat((BigDecimal) row.get("cost_basis")).as("cost basis").isEqualByComparingTo(costBasis);
        assertDecimal(row.get("close_price"), close, "close");
        assertThat(row.get("price_date") == null ? null : ((Date) row.get("price_date")).toLocalDate())
                .as("price date")
                .isEqualTo(priceDate);
        assertDecimal(row.get("market_value"), marketValue, "market value");
        assertDecimal(row.get("unrealized_pnl"), unrealizedPnl, "unrealized pnl");
    }

    private void assertSnapshot(
            String accountId,
            LocalDate date,
            String totalValue,
            String totalCost,
            String totalPnl,
            String pnlPercent,
            int positions,
            int priced,
            boolean partial) {
        Map<String, Object> row = given.snapshot(accountId, date);
        assertThat((BigDecimal) row.get("total_value")).as("total value").isEqualByComparingTo(totalValue);
        assertThat((BigDecimal) row.get("total_cost")).as("total cost").isEqualByComparingTo(totalCost);
        assertThat((BigDecimal) row.get("total_pnl")).as("total pnl").isEqualByComparingTo(totalPnl);
        assertThat((BigDecimal) row.get("pnl_percent")).as("pnl percent").isEqualByComparingTo(pnlPercent);
        assertThat(row.get("position_count")).isEqualTo(positions);
        assertThat(row.get("priced_position_count")).isEqualTo(priced);
        assertThat(row.get("partial")).isEqualTo(partial);
    }

    private static void assertDecimal(Object actual, String expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat((BigDecimal) actual).as(what).isEqualByComparingTo(expected);
        }
    }

    /** A RunContext whose behaviour a test overrides in part. */
    private static class DelegatingRunContext implements RunContext {
        private final RunContext delegate;

        DelegatingRunContext(RunContext delegate) {
            this.delegate = delegate;
        }

        @Override
        public UUID jobId() {
            return delegate.jobId();
        }

        @Override
        public JdbcClient jdbc() {
            return delegate.jdbc();
        }

        @Override
        public TransactionOperations transactions() {
            return delegate.transactions();
        }

        @Override
        public Instant deadline() {
            return delegate.deadline();
        }

        @Override
        public void checkpoint() {
            delegate.checkpoint();
        }
    }
}

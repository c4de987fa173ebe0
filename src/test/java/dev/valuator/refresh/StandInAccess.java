package dev.valuator.refresh;

import java.time.LocalDate;

/** Lets tests of other packages set up the refresh stand-in. */
public final class StandInAccess {

    private StandInAccess() {}

    public static void quietMarket() {
        StandIn.market(0, LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30), "AAPL");
    }

    public static void market(int delayMillis, String... symbols) {
        StandIn.market(delayMillis, LocalDate.of(2025, 12, 1), LocalDate.of(2026, 11, 30), symbols);
    }
}

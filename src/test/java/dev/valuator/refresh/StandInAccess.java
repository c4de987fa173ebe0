package dev.valuator.refresh;

import java.time.Clock;

/** Lets tests of other packages set up the refresh stand-in. */
public final class StandInAccess {

    private StandInAccess() {}

    /** AAPL over the year before the clock's day (see {@link StandIn#market(int, Clock, String...)}). */
    public static void quietMarket(Clock clock) {
        StandIn.market(0, clock, "AAPL");
    }

    public static void market(int delayMillis, Clock clock, String... symbols) {
        StandIn.market(delayMillis, clock, symbols);
    }
}

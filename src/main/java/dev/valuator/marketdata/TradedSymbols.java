package dev.valuator.marketdata;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The symbols the ledger holds, with their first trade date: the price phase's scope.
 * Implemented where the ledger is reachable (the refresh module), which marketdata must not
 * depend on.
 */
public interface TradedSymbols {

    /** Symbol → its first trade date, over one account or (null) all, on the run's connection. */
    Map<String, LocalDate> firstTradeDates(JdbcClient run, String accountId);

    /**
     * Marks stale, from the earliest such date, the snapshots of every account that traded one of
     * these symbols before the paired date (a dividend learned or corrected after the fact), on
     * the run's connection.
     */
    void restateFrom(JdbcClient run, List<String> symbols, List<LocalDate> dates);
}

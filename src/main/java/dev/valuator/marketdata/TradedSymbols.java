package dev.valuator.marketdata;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The symbols the ledger holds, with their first trade date: the price phase's scope.
 * Implemented where the ledger is reachable (the refresh module), which marketdata must not
 * depend on.
 */
public interface TradedSymbols {

    /** Symbol → its first trade date, over one account or (null) all, on the run's connection. */
    Map<String, LocalDate> firstTradeDates(JdbcClient run, String accountId);

    /** The symbols some account holds a quantity of (by the ledger as recorded), on the run's connection. */
    Set<String> heldSymbols(JdbcClient run);
}

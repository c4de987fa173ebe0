package dev.valuator.refresh;

import dev.valuator.holdings.Accounts;
import dev.valuator.holdings.Trades;
import dev.valuator.marketdata.TradedSymbols;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The price phase's scope, from the trade ledger. */
@Component
class LedgerSymbols implements TradedSymbols {

    @Override
    public Map<String, LocalDate> firstTradeDates(JdbcClient run, String accountId) {
        return Trades.firstTradeDates(run, accountId);
    }

    @Override
    public void restateFrom(JdbcClient run, List<String> symbols, List<LocalDate> dates) {
        Accounts.markStale(run, Trades.tradedBefore(run, symbols, dates));
    }
}

package dev.valuator.marketdata;

import dev.valuator.holdings.Trades;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Which symbols a run prices, and from which date: the traded ones, the explicit ones, the always-refreshed. */
final class PriceScope {

    private final PriceScopeProperties properties;

    PriceScope(PriceScopeProperties properties) {
        this.properties = properties;
    }

    /** Symbol → its first trade date, over the request's account or all of them (read once a run). */
    Map<String, LocalDate> firstTrades(JdbcClient db, PriceRequest request) {
        return Trades.firstTradeDates(db, request.accountId());
    }

    /**
     * Symbol → the first date its valuations need ({@code latest}: the latest closed session),
     * from {@link #firstTrades}.
     */
    Map<String, LocalDate> firstDates(Map<String, LocalDate> firstTrades, PriceRequest request, LocalDate latest) {
        Map<String, LocalDate> firstDates = new TreeMap<>();
        if (request.symbols() != null) {
            for (String symbol : request.symbols()) {
                // explicit symbols over an explicit window mean what they say: the whole window,
                // whether or not an account held them then
                firstDates.put(
                        symbol,
                        request.from() != null
                                ? request.from()
                                : firstNeeded(firstTrades.get(symbol), request, latest));
            }
            return firstDates;
        }
        for (var trade : firstTrades.entrySet()) {
            firstDates.put(trade.getKey(), firstNeeded(trade.getValue(), request, latest));
        }
        for (String symbol : properties.alwaysRefreshSymbols()) {
            // held or not, never more than its latest session unless a trade asks for more
            firstDates.putIfAbsent(symbol, latest);
        }
        return firstDates;
    }

    /**
     * Every symbol any run needs: those any account traded and the always-refreshed ones. A
     * grouped answer stores their bars whatever the run's own scope, because it marks its date
     * covered for every symbol.
     */
    Set<String> everyone(JdbcClient db) {
        Set<String> symbols = new HashSet<>(Trades.firstTradeDates(db, null).keySet());
        symbols.addAll(properties.alwaysRefreshSymbols());
        return symbols;
    }

    /**
     * The first date a symbol first traded on {@code traded} (null: never) needs. An explicit
     * {@code from} is honoured however old; only runs without one are bounded by {@code earliest}.
     */
    private static LocalDate firstNeeded(LocalDate traded, PriceRequest request, LocalDate latest) {
        if (request.from() != null) {
            // bars before a symbol's first trade value nothing, so an early `from` costs no calls
            return traded != null && traded.isAfter(request.from()) ? traded : request.from();
        }
        // a symbol nobody traded needs no history: its latest session is enough
        LocalDate first = traded == null ? latest : traded;
        return request.earliest() != null && first.isBefore(request.earliest()) ? request.earliest() : first;
    }
}

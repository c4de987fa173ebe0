package dev.valuator.marketdata.splits;

import dev.valuator.holdings.SplitSource;
import dev.valuator.holdings.SplitsUnavailable;
import dev.valuator.marketdata.polygon.PolygonFailure;
import dev.valuator.prices.CorporateAction;
import dev.valuator.prices.CorporateActions;
import dev.valuator.prices.SplitEvents;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The splits a trade import needs to judge its SELLs, from Polygon. When the provider cannot
 * answer, symbols whose splits were read before are judged by the stored ones (the next refresh
 * brings them up to date); only a symbol never read refuses the import (503).
 */
@Component
class ImportSplits implements SplitSource {

    private static final Duration RETRY_AFTER_OUTAGE = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER_RATE_LIMIT = Duration.ofSeconds(60);
    private static final int NAMED = 5;
    private static final Logger log = LoggerFactory.getLogger(ImportSplits.class);

    private final ProviderSplits provider;
    private final SplitEvents stored;
    private final CorporateActions actions;

    ImportSplits(ProviderSplits provider, SplitEvents stored, CorporateActions actions) {
        this.provider = provider;
        this.stored = stored;
        this.actions = actions;
    }

    @Override
    public Lineage lineage(Collection<String> symbols) {
        Map<String, CorporateAction> bySymbol = new HashMap<>();
        actions.list(null).forEach(a -> bySymbol.put(a.symbol(), a));
        Map<String, String> positions = new TreeMap<>();
        symbols.forEach(s -> positions.put(s, end(s, bySymbol)));
        Set<String> ends = new HashSet<>(positions.values());
        for (CorporateAction action : bySymbol.values()) {
            for (String member : action.newSymbol() == null
                    ? List.of(action.symbol())
                    : List.of(action.symbol(), action.newSymbol())) {
                String end = end(member, bySymbol);
                if (ends.contains(end)) {
                    positions.put(member, end);
                }
            }
        }
        List<Split> splits = new ArrayList<>();
        for (Split split : known(positions.keySet())) {
            CorporateAction left = bySymbol.get(split.symbol());
            if (left == null || split.executionDate().isBefore(left.date())) {
                splits.add(new Split(
                        positions.get(split.symbol()), split.executionDate(), split.splitFrom(), split.splitTo()));
            }
        }
        for (CorporateAction action : bySymbol.values()) {
            if (action.newSymbol() != null && positions.containsKey(action.symbol())) {
                splits.add(new Split(positions.get(action.symbol()), action.date(), BigDecimal.ONE, action.ratio()));
            }
        }
        return new Lineage(positions, splits);
    }

    /** The symbol a chain of ticker changes and mergers from {@code symbol} ends in. */
    private static String end(String symbol, Map<String, CorporateAction> bySymbol) {
        String current = symbol;
        for (int depth = 0; depth < 16; depth++) {
            CorporateAction action = bySymbol.get(current);
            if (action == null || action.newSymbol() == null) {
                return current;
            }
            current = action.newSymbol();
        }
        return current;
    }

    @Override
    public List<Split> known(Collection<String> symbols) {
        return stored.of(symbols).stream()
                .map(s -> new Split(s.symbol(), s.executionDate(), s.splitFrom(), s.splitTo()))
                .toList();
    }

    @Override
    public void learn(Collection<String> symbols) {
        if (symbols.isEmpty()) {
            return;
        }
        try {
            provider.learn(symbols);
        } catch (PolygonFailure e) {
            List<String> unknown = stored.neverFetched(symbols);
            if (unknown.isEmpty()) {
                log.warn(
                        "Splits of {} could not be refreshed for an import ({}); judged by the stored ones",
                        names(symbols),
                        e.getMessage());
                return;
            }
            if (e instanceof PolygonFailure.AuthFailed) {
                throw new SplitsUnavailable(
                        "Cannot learn the splits of " + names(unknown) + " before judging the SELLs of the import: "
                                + e.getMessage() + ". Nothing was stored.",
                        null);
            }
            throw new SplitsUnavailable(
                    "Polygon could not be asked for the splits of " + names(unknown)
                            + ", which the import needs before judging its SELLs: " + e.getMessage()
                            + ". Nothing was stored; try again shortly.",
                    e instanceof PolygonFailure.RateLimited ? RETRY_AFTER_RATE_LIMIT : RETRY_AFTER_OUTAGE);
        }
    }

    private static String names(Collection<String> symbols) {
        List<String> list = List.copyOf(symbols);
        return list.size() <= NAMED
                ? String.join(", ", list)
                : String.join(", ", list.subList(0, NAMED)) + " and " + (list.size() - NAMED) + " more";
    }
}

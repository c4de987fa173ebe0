package dev.valuator.marketdata.splits;

import dev.valuator.holdings.SplitSource;
import dev.valuator.holdings.SplitsUnavailable;
import dev.valuator.marketdata.polygon.PolygonFailure;
import dev.valuator.prices.SplitEvents;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/** The splits a trade import needs, from Polygon; a provider that cannot answer refuses the import (503). */
@Component
class ImportSplits implements SplitSource {

    private static final Duration RETRY_AFTER_OUTAGE = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER_RATE_LIMIT = Duration.ofSeconds(60);
    private static final int NAMED = 5;

    private final ProviderSplits provider;
    private final SplitEvents stored;

    ImportSplits(ProviderSplits provider, SplitEvents stored) {
        this.provider = provider;
        this.stored = stored;
    }

    @Override
    public List<Split> known(Collection<String> symbols) {
        return stored.of(symbols).stream()
                .map(s -> new Split(s.symbol(), s.executionDate(), s.splitFrom(), s.splitTo()))
                .toList();
    }

    @Override
    public void learn(Collection<String> symbols) {
        try {
            provider.learn(symbols);
        } catch (PolygonFailure.AuthFailed e) {
            throw new SplitsUnavailable(
                    "Cannot learn the splits of " + names(symbols) + " before judging the import: " + e.getMessage()
                            + ". Nothing was stored.",
                    null);
        } catch (PolygonFailure e) {
            throw new SplitsUnavailable(
                    "Polygon could not be asked for the splits of " + names(symbols)
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

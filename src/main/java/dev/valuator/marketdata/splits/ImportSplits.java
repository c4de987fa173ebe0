package dev.valuator.marketdata.splits;

import dev.valuator.holdings.SplitSource;
import dev.valuator.holdings.SplitsUnavailable;
import dev.valuator.marketdata.polygon.PolygonFailure;
import dev.valuator.prices.SplitEvents;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
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

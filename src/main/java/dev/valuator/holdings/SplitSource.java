package dev.valuator.holdings;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * Where an import learns the stock splits of the symbols it touches before judging its SELLs
 * (implemented by the market-data module, which holdings must not depend on).
 */
public interface SplitSource {

    /**
     * Makes the splits of these symbols known, asking the provider for those not read recently.
     *
     * @throws SplitsUnavailable when the provider cannot answer
     */
    void learn(Collection<String> symbols);

    /** The splits already stored for these symbols (no provider call). */
    List<Split> known(Collection<String> symbols);

    /**
     * A stock split: from {@code executionDate} on, every {@code splitFrom} shares are {@code splitTo}.
     *
     * @param symbol the ticker
     * @param executionDate first trading date at the new share count
     * @param splitFrom shares before
     * @param splitTo shares after
     */
    record Split(String symbol, LocalDate executionDate, BigDecimal splitFrom, BigDecimal splitTo) {}
}

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
     * How these symbols' positions continue through the recorded corporate actions (no provider
     * call): each symbol of their chains with the position it belongs to (the symbol its chain
     * ends in), and that position's share-count changes — the splits of each of its symbols while
     * it was current, and each ticker change or merger as a change from 1 to its ratio.
     */
    Lineage lineage(Collection<String> symbols);

    /**
     * Symbols grouped into positions through corporate actions.
     *
     * @param positions symbol → the position (symbol) its trades belong to
     * @param splits the share-count changes of each position, by position symbol
     */
    record Lineage(java.util.Map<String, String> positions, List<Split> splits) {}

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

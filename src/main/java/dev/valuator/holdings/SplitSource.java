package dev.valuator.holdings;

import java.util.Collection;

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
}

package dev.valuator.marketdata;

import dev.valuator.prices.CorporateAction;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the price phase records a corporate action the provider reported (implemented where the
 * ledger is reachable, which marketdata must not depend on): checked like one entered by hand,
 * and the accounts holding the symbol marked stale from its date.
 */
public interface LearnedActions {

    /**
     * Records the action on the run's connection.
     *
     * @return the stored action; empty when the symbol already has one
     * @throws dev.valuator.system.ConflictingState when it contradicts a recorded action or the ledger
     */
    Optional<CorporateAction> record(JdbcClient run, CorporateAction action);
}

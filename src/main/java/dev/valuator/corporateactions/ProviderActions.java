package dev.valuator.corporateactions;

import dev.valuator.marketdata.LearnedActions;
import dev.valuator.prices.CorporateAction;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The price phase's port for the actions the provider reports: the same checks as by hand. */
@Component
class ProviderActions implements LearnedActions {

    private final CorporateActionLedger ledger;

    ProviderActions(CorporateActionLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Optional<CorporateAction> record(JdbcClient run, CorporateAction action) {
        return ledger.recordLearned(run, action);
    }
}

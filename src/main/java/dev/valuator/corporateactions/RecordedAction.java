package dev.valuator.corporateactions;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.valuator.prices.CorporateAction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A recorded corporate action as the API shows it.
 *
 * @param actionId its id
 * @param type TICKER_CHANGE, STOCK_MERGER or CASH_OUT
 * @param symbol the symbol before
 * @param newSymbol the symbol after (null for a cash-out)
 * @param date the first trading date under the new terms
 * @param ratio new shares per old share
 * @param cashPerShare merger cash per old share or the cash-out price (null when none)
 * @param source MANUAL or PROVIDER
 * @param recordedAt when it was recorded
 * @param accountsAffected accounts whose snapshots it made stale (in the answer to a POST only)
 */
public record RecordedAction(
        long actionId,
        String type,
        String symbol,
        String newSymbol,
        LocalDate date,
        BigDecimal ratio,
        BigDecimal cashPerShare,
        String source,
        Instant recordedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer accountsAffected) {

    static RecordedAction of(CorporateAction action, Integer accountsAffected) {
        return new RecordedAction(
                action.actionId(),
                action.type().name(),
                action.symbol(),
                action.newSymbol(),
                action.date(),
                action.ratio(),
                action.cashPerShare().signum() == 0 ? null : action.cashPerShare(),
                action.source().name(),
                action.recordedAt(),
                accountsAffected);
    }
}

package dev.valuator.marketdata.polygon;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.valuator.prices.Dividend;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One entry of the dividends answer ({@code stocks/v1/dividends}) as Massive sends it. */
record DividendEntry(
        String id,
        String ticker,
        @JsonProperty("cash_amount") BigDecimal cashAmount,
        String currency,
        @JsonProperty("declaration_date") String declarationDate,
        @JsonProperty("ex_dividend_date") String exDividendDate,
        @JsonProperty("pay_date") String payDate,
        Integer frequency,
        @JsonProperty("distribution_type") String distributionType) {

    private static final Logger log = LoggerFactory.getLogger(DividendEntry.class);

    /** The dividend; null (logged) when it is not in USD or its ticker, ex-date or amount is unusable. */
    Dividend toDividend() {
        String symbol = ticker == null ? "" : ticker;
        LocalDate exDate = date(exDividendDate);
        if (symbol.isEmpty() || exDate == null || cashAmount == null || cashAmount.signum() < 0) {
            log.warn("Skipping an unusable dividend entry from Polygon for {}", symbol);
            return null;
        }
        if (!"USD".equals(currency)) {
            log.warn(
                    "Skipping the {} dividend of {} (ex-date {}): only USD dividends are counted",
                    currency == null ? "currency-less" : currency,
                    symbol,
                    exDate);
            return null;
        }
        String key = id == null || id.isBlank() ? exDate + ":" + cashAmount.toPlainString() : id;
        return new Dividend(
                symbol, exDate, key, cashAmount, date(payDate), date(declarationDate), frequency, distributionType);
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

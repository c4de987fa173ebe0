package dev.valuator.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Polygon/Massive answers as the provider shapes them, for the stand-in to serve: grouped-daily
 * bars of one session, a symbol's aggregates over a range, splits, dividends. The one place tests write
 * Polygon JSON.
 */
public final class PolygonJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private PolygonJson() {}

    /** One daily bar; {@code vwap} and {@code transactions} are left out of the answer when null. */
    public record Bar(
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            BigDecimal volume,
            BigDecimal vwap,
            Long transactions) {

        /** A bar that opened, peaked and closed at {@code close}, on a volume of 1,000. */
        public static Bar flat(Number close) {
            BigDecimal c = decimal(close);
            return new Bar(c, c, c, c, BigDecimal.valueOf(1000), null, null);
        }

        public static Bar of(Number open, Number high, Number low, Number close, Number volume) {
            return new Bar(decimal(open), decimal(high), decimal(low), decimal(close), decimal(volume), null, null);
        }

        public Bar withVwap(Number vwap) {
            return new Bar(open, high, low, close, volume, decimal(vwap), transactions);
        }

        public Bar withTransactions(long count) {
            return new Bar(open, high, low, close, volume, vwap, count);
        }

        ObjectNode json(long t) {
            ObjectNode bar = JSON.createObjectNode();
            bar.put("o", open).put("h", high).put("l", low).put("c", close).put("v", volume);
            if (vwap != null) {
                bar.put("vw", vwap);
            }
            bar.put("t", t);
            if (transactions != null) {
                bar.put("n", transactions);
            }
            return bar;
        }
    }

    /**
     * A split as {@code /stocks/v1/splits} lists it: {@code adjustment_type} is {@code forward_split},
     * {@code reverse_split} or {@code stock_dividend}.
     */
    public record Split(
            String id,
            String ticker,
            LocalDate executionDate,
            BigDecimal from,
            BigDecimal to,
            String adjustmentType,
            BigDecimal historicalAdjustmentFactor) {

        public Split(String id, String ticker, LocalDate executionDate, int from, int to) {
            this(
                    id,
                    ticker,
                    executionDate,
                    BigDecimal.valueOf(from),
                    BigDecimal.valueOf(to),
                    to >= from ? "forward_split" : "reverse_split",
                    BigDecimal.valueOf(from).divide(BigDecimal.valueOf(to), 10, java.math.RoundingMode.HALF_EVEN));
        }

        /** A stock dividend of {@code percent} %: every share becomes 1 + percent / 100 shares. */
        public static Split stockDividend(String id, String ticker, LocalDate executionDate, String percent) {
            BigDecimal to = BigDecimal.ONE.add(new BigDecimal(percent).movePointLeft(2));
            return new Split(
                    id,
                    ticker,
                    executionDate,
                    BigDecimal.ONE,
                    to,
                    "stock_dividend",
                    BigDecimal.ONE.divide(to, 10, java.math.RoundingMode.HALF_EVEN));
        }
    }

    /**
     * A listing as {@code /v3/reference/tickers} lists it.
     *
     * @param delistedUtc when it stopped trading (null: active)
     */
    public record Listing(String ticker, String name, String compositeFigi, String cik, String delistedUtc) {}

    /** A {@code ticker_change} event of {@code /vX/reference/tickers/{id}/events}: the ticker taken on a date. */
    public record TickerChange(String ticker, LocalDate date) {}

    /** A cash dividend as {@code /stocks/v1/dividends} lists it (pay date two weeks after the ex-date). */
    public record Dividend(String id, String ticker, LocalDate exDate, String cashAmount, String currency) {
        public static Dividend usd(String id, String ticker, LocalDate exDate, String cashAmount) {
            return new Dividend(id, ticker, exDate, cashAmount, "USD");
        }
    }

    /** {@code /v2/aggs/grouped/…/{date}}: each symbol's bar stamped at the session's 16:00 in New York. */
    public static String grouped(LocalDate date, Map<String, Bar> bars) {
        long t = date.atTime(16, 0).atZone(NEW_YORK).toInstant().toEpochMilli();
        ArrayNode results = JSON.createArrayNode();
        bars.forEach((symbol, bar) -> {
            ObjectNode row = JSON.createObjectNode().put("T", symbol);
            row.setAll(bar.json(t));
            results.add(row);
        });
        return envelope(null, "g", results);
    }

    /** {@code /v2/aggs/ticker/{symbol}/range/1/day/…}: one bar a session, stamped at its midnight in New York. */
    public static String range(String symbol, Map<LocalDate, Bar> bars) {
        ArrayNode results = JSON.createArrayNode();
        bars.forEach((date, bar) ->
                results.add(bar.json(date.atStartOfDay(NEW_YORK).toInstant().toEpochMilli())));
        return envelope(symbol, "r", results);
    }

    /** {@code /stocks/v1/splits} (and the legacy {@code /v3/reference/splits}). */
    public static String splits(Split... splits) {
        ArrayNode results = JSON.createArrayNode();
        for (Split split : splits) {
            results.add(JSON.createObjectNode()
                    .put("id", split.id())
                    .put("ticker", split.ticker())
                    .put("execution_date", split.executionDate().toString())
                    .put("adjustment_type", split.adjustmentType())
                    .put("split_from", split.from())
                    .put("split_to", split.to())
                    .put("historical_adjustment_factor", split.historicalAdjustmentFactor()));
        }
        return JSON.writeValueAsString(JSON.createObjectNode()
                .put("status", "OK")
                .put("request_id", "s")
                .set("results", results));
    }

    /** {@code /stocks/v1/dividends}, shaped like Massive's documented answer; {@code nextUrl} null on the last page. */
    public static String dividends(String nextUrl, Dividend... dividends) {
        ArrayNode results = JSON.createArrayNode();
        for (Dividend d : dividends) {
            results.add(JSON.createObjectNode()
                    .put("cash_amount", new BigDecimal(d.cashAmount()))
                    .put("currency", d.currency())
                    .put("declaration_date", d.exDate().minusDays(11).toString())
                    .put("distribution_type", "recurring")
                    .put("ex_dividend_date", d.exDate().toString())
                    .put("frequency", 4)
                    .put("historical_adjustment_factor", 0.997899)
                    .put("id", d.id())
                    .put("pay_date", d.exDate().plusDays(14).toString())
                    .put("record_date", d.exDate().toString())
                    .put("split_adjusted_cash_amount", new BigDecimal(d.cashAmount()))
                    .put("ticker", d.ticker()));
        }
        ObjectNode body = JSON.createObjectNode().put("request_id", "d").put("status", "OK");
        body.set("results", results);
        if (nextUrl != null) {
            body.put("next_url", nextUrl);
        }
        return JSON.writeValueAsString(body);
    }

    /** {@code /stocks/v1/dividends} without any dividend. */
    public static String dividends() {
        return dividends(null);
    }

    /** {@code /v3/reference/tickers?ticker=…&active=…}: the listings, each with its identifiers. */
    public static String tickers(Listing... listings) {
        ArrayNode results = JSON.createArrayNode();
        for (Listing listing : listings) {
            ObjectNode row = JSON.createObjectNode()
                    .put("ticker", listing.ticker())
                    .put("name", listing.name())
                    .put("market", "stocks")
                    .put("locale", "us")
                    .put("primary_exchange", "XNAS")
                    .put("type", "CS")
                    .put("active", listing.delistedUtc() == null)
                    .put("currency_name", "usd")
                    .put("cik", listing.cik())
                    .put("composite_figi", listing.compositeFigi())
                    .put("share_class_figi", "BBG001S" + listing.compositeFigi().substring(7))
                    .put("last_updated_utc", "2024-01-01T00:00:00Z");
            if (listing.delistedUtc() != null) {
                row.put("delisted_utc", listing.delistedUtc());
            }
            results.add(row);
        }
        return JSON.writeValueAsString(JSON.createObjectNode()
                .put("status", "OK")
                .put("request_id", "t")
                .put("count", results.size())
                .set("results", results));
    }

    /** {@code /vX/reference/tickers/{id}/events}: one entity's ticker changes, newest first. */
    public static String tickerEvents(String name, String compositeFigi, String cik, TickerChange... changes) {
        ArrayNode events = JSON.createArrayNode();
        for (TickerChange change : changes) {
            events.add(JSON.createObjectNode()
                    .put("type", "ticker_change")
                    .put("date", change.date().toString())
                    .set("ticker_change", JSON.createObjectNode().put("ticker", change.ticker())));
        }
        ObjectNode results = JSON.createObjectNode()
                .put("name", name)
                .put("composite_figi", compositeFigi)
                .put("cik", cik);
        results.set("events", events);
        return JSON.writeValueAsString(JSON.createObjectNode()
                .put("status", "OK")
                .put("request_id", "e")
                .set("results", results));
    }

    private static String envelope(String ticker, String requestId, ArrayNode results) {
        ObjectNode body = JSON.createObjectNode();
        if (ticker != null) {
            body.put("ticker", ticker);
        }
        body.put("queryCount", results.size())
                .put("resultsCount", results.size())
                .put("adjusted", false)
                .put("status", "OK")
                .put("request_id", requestId)
                .put("count", results.size());
        body.set("results", results);
        return JSON.writeValueAsString(body);
    }

    private static BigDecimal decimal(Number value) {
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }
}

package dev.valuator.marketdata.calendar;

import java.time.LocalDate;

/**
 * One entry of {@code /v1/marketstatus/upcoming}.
 *
 * @param exchange e.g. NYSE, NASDAQ, OTC
 * @param name the holiday's name
 * @param date the New York date
 * @param earlyClose true for {@code early-close}, false for {@code closed}
 */
public record UpcomingClosure(String exchange, String name, LocalDate date, boolean earlyClose) {}

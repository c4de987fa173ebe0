package dev.valuator.prices;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A cash dividend in USD as the provider reports it: {@code cashAmount} per share held at the close
 * before {@code exDate}, unadjusted (in the shares of that day, whatever splits came later).
 *
 * @param symbol the ticker
 * @param exDate the ex-dividend date: the first session the shares trade without it
 * @param key the provider's id of the record (a regular and a special dividend may share an ex-date)
 * @param cashAmount per share, unadjusted
 * @param payDate when it is paid, or null
 * @param declarationDate when it was announced, or null
 * @param frequency payments a year as the provider says (0: one-off), or null
 * @param distributionType {@code recurring}, {@code special}, … as the provider says, or null
 */
public record Dividend(
        String symbol,
        LocalDate exDate,
        String key,
        BigDecimal cashAmount,
        LocalDate payDate,
        LocalDate declarationDate,
        Integer frequency,
        String distributionType) {}

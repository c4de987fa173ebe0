package dev.valuator.prices;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A stock split: from {@code executionDate} on, every {@code splitFrom} shares are {@code splitTo}
 * shares (a 4-for-1 split is from 1 to 4), and all trading that day is already post-split.
 *
 * @param symbol the ticker
 * @param executionDate first trading date at the new share count
 * @param splitFrom shares before
 * @param splitTo shares after
 * @param providerId Polygon's id of the event, or null
 */
public record SplitEvent(
        String symbol, LocalDate executionDate, BigDecimal splitFrom, BigDecimal splitTo, String providerId) {}

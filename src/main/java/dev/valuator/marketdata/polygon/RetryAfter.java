package dev.valuator.marketdata.polygon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: seconds or an HTTP-date. */
final class RetryAfter {

    private final Clock clock;

    RetryAfter(Clock clock) {
        this.clock = clock;
    }

    /** The wait asked for; null when the header is absent or unreadable. */
    Duration parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            if (value.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.MAX_VALUE); // more seconds than a long holds: "forever"
            }
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}

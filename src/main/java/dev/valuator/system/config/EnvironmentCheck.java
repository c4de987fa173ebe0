package dev.valuator.system.config;

import dev.valuator.system.Identifiers;
import dev.valuator.system.database.DatasourceSettings;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.scheduling.support.CronExpression;

/**
 * Checks the environment variables of docs/api.md before anything binds them, so a missing or
 * malformed value stops startup with a message naming the variable (never echoing a value); every
 * problem is named at once, the database's ({@link DatasourceSettings}) first. Once all are valid,
 * the datasource properties those settings derived are put in place.
 */
public class EnvironmentCheck implements EnvironmentPostProcessor, Ordered {

    private record Rule(String variable, Predicate<String> valid, String expected) {}

    private static final List<Rule> RULES = List.of(
            new Rule("PORT", v -> between(v, 0, 65535), "a port number 0-65535"),
            new Rule("POLYGON_BASE_URL", EnvironmentCheck::httpUrl, "an http(s) URL such as https://api.massive.com"),
            new Rule(
                    "POLYGON_RATE_LIMIT_PER_MINUTE",
                    v -> between(v, 0, 100_000),
                    "a whole number >= 0 (0 = unlimited)"),
            new Rule("VALUATION_SCHEDULER_ENABLED", EnvironmentCheck::bool, "true or false"),
            new Rule(
                    "VALUATION_SCHEDULE_CRON",
                    CronExpression::isValidExpression,
                    "a Spring 6-field cron such as 0 0/30 9-16 * * MON-FRI"),
            new Rule("VALUATION_SCHEDULE_ZONE", EnvironmentCheck::zone, "a time-zone id such as America/New_York"),
            new Rule("VALUATION_SCHEDULE_TRADING_DAYS_ONLY", EnvironmentCheck::bool, "true or false"),
            new Rule("VALUATION_REFRESH_LOCK_ID", EnvironmentCheck::longValue, "a 64-bit integer"),
            new Rule("VALUATION_MAX_BACKFILL_DAYS", v -> between(v, 1, 36_500), "a whole number of days >= 1"),
            new Rule(
                    "VALUATION_REFRESH_MAX_RUNTIME",
                    EnvironmentCheck::positiveDuration,
                    "an ISO-8601 duration such as PT30M"),
            new Rule("VALUATION_JOB_RETENTION_DAYS", v -> between(v, 1, 36_500), "a whole number of days >= 1"),
            new Rule("VALUATION_HEARTBEAT_URL", EnvironmentCheck::httpUrl, "an http(s) URL"),
            new Rule(
                    "VALUATION_REFRESH_MAX_CALLS",
                    v -> between(v, 1, 1_000_000),
                    "a whole number of provider calls >= 1 (unset = no cap)"),
            new Rule(
                    "VALUATION_ALWAYS_REFRESH_SYMBOLS",
                    EnvironmentCheck::symbols,
                    "comma-separated symbols such as AAPL,BRK.B (each 1-16 characters: an upper-case letter, then"
                            + " letters, digits or '.')"),
            secret("VALUATION_ADMIN_TOKEN"),
            secret("VALUATION_REFRESH_CRON_SECRET"),
            secret("VALUATION_REFRESH_CRON_SECRET_PREVIOUS"),
            secret("VALUATION_METRICS_TOKEN"));

    static final int MIN_SECRET_LENGTH = 16;

    /** A guessable secret is worse than none: too short stops startup (the value is never echoed). */
    private static Rule secret(String variable) {
        return new Rule(
                variable,
                v -> v.length() >= MIN_SECRET_LENGTH,
                "at least " + MIN_SECRET_LENGTH + " characters (surrounding whitespace does not count)");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DatasourceSettings database = DatasourceSettings.of(environment);
        List<String> problems = new ArrayList<>(database.problems());
        for (Rule rule : RULES) {
            String value = environment.getProperty(rule.variable());
            if (value == null || value.isEmpty()) {
                continue;
            }
            boolean ok;
            try {
                ok = rule.valid().test(value.strip());
            } catch (RuntimeException e) {
                ok = false;
            }
            if (!ok) {
                problems.add(rule.variable() + " is malformed: expected " + rule.expected());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationError(problems);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("valuatorDerived", database.properties()));
    }

    private static boolean between(String value, long min, long max) {
        long parsed = Long.parseLong(value);
        return parsed >= min && parsed <= max;
    }

    private static boolean longValue(String value) {
        Long.parseLong(value);
        return true;
    }

    private static boolean bool(String value) {
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
    }

    private static boolean zone(String value) {
        ZoneId.of(value);
        return true;
    }

    private static boolean positiveDuration(String value) {
        Duration duration = Duration.parse(value);
        return !duration.isNegative() && !duration.isZero();
    }

    private static boolean symbols(String value) {
        return Arrays.stream(value.split(",", -1)).map(String::strip).allMatch(Identifiers::isSymbol);
    }

    private static boolean httpUrl(String value) {
        URI uri = URI.create(value);
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    }
}

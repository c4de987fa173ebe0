package dev.valuator.system.config;

import dev.valuator.system.Identifiers;
import dev.valuator.system.database.DatabaseUrl;
import dev.valuator.system.database.EmbeddedDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.scheduling.support.CronExpression;

/**
 * Checks the environment variables of docs/api.md before anything binds them, so a missing or
 * malformed value stops startup with a message naming the variable (never echoing a value), and
 * turns {@code DATABASE_URL} (URI or JDBC form) into Spring's datasource properties.
 */
public class EnvironmentCheck implements EnvironmentPostProcessor, Ordered {

    static final String DATABASE_URL = "DATABASE_URL";
    static final String DATABASE_DIRECT_URL = "DATABASE_DIRECT_URL";

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
        List<String> problems = new ArrayList<>();
        Map<String, Object> derived = new HashMap<>();

        String databaseUrl = DatabaseUrl.requested(environment);
        if (databaseUrl == null || databaseUrl.isBlank()) {
            problems.add(DATABASE_URL
                    + " is not set: give it as postgres://user:pass@host:5432/db or jdbc:postgresql://host:5432/db,"
                    + " or DATABASE_URL=embedded for a PostgreSQL of the service's own under ./data/postgres"
                    + " (development only)");
        } else if (EmbeddedDatabase.REQUEST.equalsIgnoreCase(databaseUrl.strip())) {
            // EmbeddedDatabaseStarter starts it and sets the datasource once logging is up
        } else {
            try {
                DatabaseUrl parsed = DatabaseUrl.parse(databaseUrl);
                derived.put("spring.datasource.url", parsed.jdbcUrl());
                if (parsed.username() != null) {
                    derived.put("spring.datasource.username", parsed.username());
                }
                if (parsed.password() != null) {
                    derived.put("spring.datasource.password", parsed.password());
                }
            } catch (IllegalArgumentException e) {
                problems.add(DATABASE_URL + " " + e.getMessage());
            }
        }
        directDatabase(environment, derived, problems);
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
        environment.getPropertySources().addFirst(new MapPropertySource("valuatorDerived", derived));
    }

    /**
     * {@code DATABASE_DIRECT_URL}: the refresh lock and Flyway connect there, while the request pool
     * stays on {@code DATABASE_URL} — possibly a transaction-mode pooler, which cannot keep the
     * driver's server-side prepared statements from one transaction to the next.
     */
    private static void directDatabase(
            ConfigurableEnvironment environment, Map<String, Object> derived, List<String> problems) {
        String value = environment.getProperty(DATABASE_DIRECT_URL);
        if (value == null || value.isBlank()) {
            return;
        }
        DatabaseUrl direct;
        try {
            direct = DatabaseUrl.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(DATABASE_DIRECT_URL + " " + e.getMessage());
            return;
        }
        derived.put("valuator.database.direct.url", direct.jdbcUrl());
        derived.put("spring.flyway.url", direct.jdbcUrl());
        // a direct URL without credentials logs in as the user of DATABASE_URL
        String user =
                direct.username() != null ? direct.username() : (String) derived.get("spring.datasource.username");
        String password =
                direct.username() != null ? direct.password() : (String) derived.get("spring.datasource.password");
        if (user != null) {
            derived.put("valuator.database.direct.username", user);
            derived.put("spring.flyway.user", user);
        }
        if (password != null) {
            derived.put("valuator.database.direct.password", password);
            derived.put("spring.flyway.password", password);
        }
        derived.put("spring.datasource.hikari.data-source-properties.prepareThreshold", "0");
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

package dev.valuator.system;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.scheduling.support.CronExpression;

/**
 * Checks the environment variables of docs/api.md before anything binds them, so a missing or
 * malformed value stops startup with a message naming the variable (never echoing a value), and
 * turns {@code DATABASE_URL} (URI or JDBC form) into Spring's datasource properties.
 */
public class EnvironmentCheck implements EnvironmentPostProcessor, Ordered {

    static final String DATABASE_URL = "DATABASE_URL";
    static final String DEFAULT_DATABASE_URL = "valuator.default-database-url";

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
            new Rule("VALUATION_HEARTBEAT_URL", EnvironmentCheck::httpUrl, "an http(s) URL"));

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> derived = new HashMap<>();

        String databaseUrl = requestedDatabaseUrl(environment);
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

    /** {@code DATABASE_URL}, else the default {@code ./mvnw spring-boot:run} passes ({@code embedded}, pom.xml). */
    static String requestedDatabaseUrl(PropertyResolver environment) {
        String value = environment.getProperty(DATABASE_URL);
        return value == null || value.isBlank() ? environment.getProperty(DEFAULT_DATABASE_URL) : value;
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

    private static boolean httpUrl(String value) {
        URI uri = URI.create(value);
        return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    }
}

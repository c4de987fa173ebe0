package dev.valuator.system.security;

import dev.valuator.system.config.ConfigurationError;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The credentials of the API, each trimmed of surrounding whitespace (a secret file's trailing
 * newline must not lock everyone out); blank means not configured. Checked here, however they
 * were set (environment variable, property, file): each at least 16 characters, the admin token
 * and the two cron secrets all different (a cron secret equal to the admin token would work as
 * an admin Bearer), and no previous cron secret without a current one. A violation stops
 * start-up naming the variable, never the value.
 *
 * @param adminToken Bearer token of the admin endpoints ({@code VALUATION_ADMIN_TOKEN})
 * @param cronSecret secret of the scheduled endpoint ({@code VALUATION_REFRESH_CRON_SECRET})
 * @param cronSecretPrevious a second accepted cron secret during rotation ({@code VALUATION_REFRESH_CRON_SECRET_PREVIOUS})
 * @param metricsToken Bearer token of {@code /actuator/prometheus} when set ({@code VALUATION_METRICS_TOKEN})
 */
@ConfigurationProperties("valuator.access")
public record AccessProperties(String adminToken, String cronSecret, String cronSecretPrevious, String metricsToken) {

    static final int MIN_SECRET_LENGTH = 16;

    public AccessProperties {
        adminToken = trimmed(adminToken);
        cronSecret = trimmed(cronSecret);
        cronSecretPrevious = trimmed(cronSecretPrevious);
        metricsToken = trimmed(metricsToken);
        List<String> problems = new ArrayList<>();
        tooShort(problems, "VALUATION_ADMIN_TOKEN (valuator.access.admin-token)", adminToken);
        tooShort(problems, "VALUATION_REFRESH_CRON_SECRET (valuator.access.cron-secret)", cronSecret);
        tooShort(
                problems,
                "VALUATION_REFRESH_CRON_SECRET_PREVIOUS (valuator.access.cron-secret-previous)",
                cronSecretPrevious);
        tooShort(problems, "VALUATION_METRICS_TOKEN (valuator.access.metrics-token)", metricsToken);
        if (cronSecretPrevious != null && cronSecret == null) {
            problems.add("VALUATION_REFRESH_CRON_SECRET_PREVIOUS is set but VALUATION_REFRESH_CRON_SECRET is not: a"
                    + " previous secret is for a rotation, so set the current one too (or unset both)");
        }
        same(problems, "VALUATION_REFRESH_CRON_SECRET", cronSecret, "VALUATION_ADMIN_TOKEN", adminToken);
        same(
                problems,
                "VALUATION_REFRESH_CRON_SECRET_PREVIOUS",
                cronSecretPrevious,
                "VALUATION_ADMIN_TOKEN",
                adminToken);
        same(
                problems,
                "VALUATION_REFRESH_CRON_SECRET_PREVIOUS",
                cronSecretPrevious,
                "VALUATION_REFRESH_CRON_SECRET",
                cronSecret);
        if (!problems.isEmpty()) {
            throw new ConfigurationError(problems);
        }
    }

    /** A guessable secret is worse than none. */
    private static void tooShort(List<String> problems, String name, String value) {
        if (value != null && value.length() < MIN_SECRET_LENGTH) {
            problems.add(name + " is malformed: expected at least " + MIN_SECRET_LENGTH
                    + " characters (surrounding whitespace does not count)");
        }
    }

    private static void same(List<String> problems, String name, String value, String otherName, String other) {
        if (value != null && value.equals(other)) {
            problems.add(name + " must differ from " + otherName);
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public boolean adminTokenConfigured() {
        return adminToken != null;
    }

    public boolean cronSecretConfigured() {
        return cronSecret != null;
    }

    public boolean rotating() {
        return cronSecretPrevious != null;
    }

    public boolean metricsTokenConfigured() {
        return metricsToken != null;
    }

    boolean isAdmin(String bearer) {
        return Secrets.matches(bearer, adminToken);
    }

    /** Both secrets are always compared, so timing does not tell which one matched. */
    boolean isCron(String secret) {
        boolean current = Secrets.matches(secret, cronSecret);
        boolean previous = Secrets.matches(secret, cronSecretPrevious);
        return current | previous;
    }

    boolean isMetrics(String bearer) {
        return Secrets.matches(bearer, metricsToken);
    }

    @Override
    public String toString() {
        return "AccessProperties[adminToken=" + redacted(adminToken) + ", cronSecret=" + redacted(cronSecret)
                + ", cronSecretPrevious=" + redacted(cronSecretPrevious) + ", metricsToken=" + redacted(metricsToken)
                + "]";
    }

    private static String redacted(String value) {
        return value == null ? "unset" : "***";
    }
}

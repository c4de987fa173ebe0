package dev.valuator.system.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The credentials of the API, each trimmed of surrounding whitespace (a secret file's trailing
 * newline must not lock everyone out); blank means not configured. Lengths are checked before
 * binding (EnvironmentCheck), so a short value never gets this far.
 *
 * @param adminToken Bearer token of the admin endpoints ({@code VALUATION_ADMIN_TOKEN})
 * @param cronSecret secret of the scheduled endpoint ({@code VALUATION_REFRESH_CRON_SECRET})
 * @param cronSecretPrevious a second accepted cron secret during rotation ({@code VALUATION_REFRESH_CRON_SECRET_PREVIOUS})
 * @param metricsToken Bearer token of {@code /actuator/prometheus} when set ({@code VALUATION_METRICS_TOKEN})
 */
@ConfigurationProperties("valuator.access")
public record AccessProperties(String adminToken, String cronSecret, String cronSecretPrevious, String metricsToken) {

    public AccessProperties {
        adminToken = trimmed(adminToken);
        cronSecret = trimmed(cronSecret);
        cronSecretPrevious = trimmed(cronSecretPrevious);
        metricsToken = trimmed(metricsToken);
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

package dev.valuator.support;

import dev.valuator.system.database.DatabaseUrl;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sets the environment variables of docs/api.md (as system properties, which the service reads the
 * same way) before a Spring context starts: this run's database, the Polygon stand-in, and
 * test secrets. Tests override single values with {@code @SpringBootTest(properties = …)}.
 */
public class TestEnvironment implements BeforeAllCallback {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    public static final String CRON_SECRET = "test-cron-secret-0123456789";
    public static final String POLYGON_KEY = "test-polygon-key-0123456789";
    public static final String PREVIOUS_CRON_SECRET = "test-previous-cron-secret-42";

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    public static synchronized void install() {
        if (TestDatabase.url() == null) {
            return;
        }
        System.setProperty("DATABASE_URL", jdbcUrlWithCredentials());
        System.setProperty("POLYGON_BASE_URL", PolygonStandIn.baseUrl());
        System.setProperty("POLYGON_API_KEY", POLYGON_KEY);
        System.setProperty("POLYGON_RATE_LIMIT_PER_MINUTE", "0");
        // retries wait 0.2 s, 0.4 s, 0.8 s instead of 2 s, 4 s, 8 s: the same attempts, a fifth of the wait
        System.setProperty("valuator.polygon.initial-backoff", "PT0.2S");
        System.setProperty("VALUATION_ADMIN_TOKEN", ADMIN_TOKEN);
        System.setProperty("VALUATION_REFRESH_CRON_SECRET", CRON_SECRET);
        System.setProperty("VALUATION_REFRESH_CRON_SECRET_PREVIOUS", PREVIOUS_CRON_SECRET);
        System.setProperty("VALUATION_SCHEDULER_ENABLED", "false");
        System.setProperty("PORT", "0");
    }

    public static String jdbcUrlWithCredentials() {
        return jdbcUrlWithCredentials(TestDatabase.url());
    }

    public static String jdbcUrlWithCredentials(DatabaseUrl url) {
        StringBuilder jdbc = new StringBuilder(url.jdbcUrl());
        char separator = url.jdbcUrl().contains("?") ? '&' : '?';
        if (url.username() != null) {
            jdbc.append(separator).append("user=").append(url.username());
            separator = '&';
        }
        if (url.password() != null) {
            jdbc.append(separator).append("password=").append(url.password());
        }
        return jdbc.toString();
    }
}

package dev.valuator.system.database;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.PropertyResolver;

/**
 * {@code DATABASE_URL} (URI or JDBC form) and {@code DATABASE_DIRECT_URL} turned into Spring's
 * datasource, Flyway and Hikari properties, with what is wrong with them.
 *
 * @param properties the derived properties (none for {@code DATABASE_URL=embedded}: {@link
 *     EmbeddedDatabaseStarter} sets the datasource once logging is up)
 * @param problems what stops startup, each naming its variable, never its value
 */
public record DatasourceSettings(Map<String, Object> properties, List<String> problems) {

    static final String DATABASE_DIRECT_URL = "DATABASE_DIRECT_URL";

    public static DatasourceSettings of(PropertyResolver environment) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> derived = new HashMap<>();
        String databaseUrl = DatabaseUrl.requested(environment);
        if (databaseUrl == null || databaseUrl.isBlank()) {
            problems.add(DatabaseUrl.DATABASE_URL
                    + " is not set: give it as postgres://user:pass@host:5432/db or jdbc:postgresql://host:5432/db,"
                    + " or DATABASE_URL=embedded for a PostgreSQL of the service's own under ./data/postgres"
                    + " (development only)");
        } else if (!EmbeddedDatabase.REQUEST.equalsIgnoreCase(databaseUrl.strip())) {
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
                problems.add(DatabaseUrl.DATABASE_URL + " " + e.getMessage());
            }
        }
        directDatabase(environment, derived, problems);
        return new DatasourceSettings(Map.copyOf(derived), List.copyOf(problems));
    }

    /**
     * {@code DATABASE_DIRECT_URL}: the refresh lock and Flyway connect there, while the request pool
     * stays on {@code DATABASE_URL} — possibly a transaction-mode pooler, which cannot keep the
     * driver's server-side prepared statements from one transaction to the next.
     */
    private static void directDatabase(
            PropertyResolver environment, Map<String, Object> derived, List<String> problems) {
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
}

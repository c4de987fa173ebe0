package dev.valuator.system.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.core.env.PropertyResolver;

/**
 * A PostgreSQL location parsed from {@code DATABASE_URL}: either the
 * {@code postgres://user:pass@host:port/db?sslmode=…} form of Heroku, Render and Vercel, or a
 * {@code jdbc:postgresql://…} URL passed through unchanged.
 *
 * @param jdbcUrl the JDBC URL, never holding the password of the URI form
 * @param username the user of the URI form, or null when the JDBC URL carries its own
 * @param password the password of the URI form, or null
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    static final String DATABASE_URL = "DATABASE_URL";
    static final String DEFAULT_DATABASE_URL = "valuator.default-database-url";

    /** {@code DATABASE_URL}, else the default {@code ./mvnw spring-boot:run} passes ({@code embedded}, pom.xml). */
    public static String requested(PropertyResolver environment) {
        String value = environment.getProperty(DATABASE_URL);
        return value == null || value.isBlank() ? environment.getProperty(DEFAULT_DATABASE_URL) : value;
    }

    public static DatabaseUrl parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("is not set");
        }
        String trimmed = value.strip();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            if (!trimmed.startsWith("jdbc:postgresql://") || trimmed.length() == "jdbc:postgresql://".length()) {
                throw new IllegalArgumentException("must look like jdbc:postgresql://host:port/database");
            }
            return fromJdbc(trimmed);
        }
        if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "must start with postgres://, postgresql:// or jdbc:postgresql:// (e.g. postgres://user:pass@host:5432/db)");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            // the exception text would echo the URL and so the password
            throw new IllegalArgumentException("is not a valid URL (postgres://user:pass@host:5432/db)");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("has no host (postgres://user:pass@host:5432/db)");
        }
        String path = uri.getRawPath();
        if (path == null || path.length() <= 1 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("has no database name (postgres://user:pass@host:5432/db)");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String database = decode(path.substring(1));
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://")
                .append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                .append(':')
                .append(port)
                .append('/')
                .append(database);
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    /** Moves {@code user=} and {@code password=} out of the URL so no log line shows the password. */
    private static DatabaseUrl fromJdbc(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return new DatabaseUrl(url, null, null);
        }
        String user = null;
        String password = null;
        StringBuilder kept = new StringBuilder();
        for (String parameter : url.substring(query + 1).split("&")) {
            String lower = parameter.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("user=")) {
                user = decode(parameter.substring(5));
            } else if (lower.startsWith("password=")) {
                password = decode(parameter.substring(9));
            } else if (!parameter.isEmpty()) {
                kept.append(kept.isEmpty() ? "" : "&").append(parameter);
            }
        }
        String base = url.substring(0, query);
        return new DatabaseUrl(kept.isEmpty() ? base : base + "?" + kept, user, password);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[jdbcUrl=" + redactedJdbcUrl() + ", username=" + username + ", password="
                + (password == null ? "null" : "***") + "]";
    }

    /** The JDBC URL with any {@code password=} parameter masked, for logs. */
    public String redactedJdbcUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}

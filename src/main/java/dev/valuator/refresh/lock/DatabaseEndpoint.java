package dev.valuator.refresh.lock;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL location for connections opened outside the request pool (the refresh lock, the
 * pooler probe), named after the environment variable it came from for messages.
 *
 * @param variable {@code DATABASE_URL} or {@code DATABASE_DIRECT_URL}
 * @param jdbcUrl JDBC URL
 * @param username login user, or null
 * @param password login password, or null
 */
record DatabaseEndpoint(String variable, String jdbcUrl, String username, String password) {

    /** A new connection with bounded connect and login times (the pool's settings). */
    Connection open() throws SQLException {
        return open(Map.of());
    }

    /** The same with further driver properties. */
    Connection open(Map<String, String> driverProperties) throws SQLException {
        Properties info = new Properties();
        info.putAll(driverProperties);
        if (username != null) {
            info.setProperty("user", username);
        }
        if (password != null) {
            info.setProperty("password", password);
        }
        info.setProperty("connectTimeout", "5");
        info.setProperty("loginTimeout", "10");
        info.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbcUrl, info);
    }

    @Override
    public String toString() {
        return "DatabaseEndpoint[variable=" + variable + ", jdbcUrl="
                + jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***") + ", username=" + username + ", password="
                + (password == null ? "null" : "***") + "]";
    }
}

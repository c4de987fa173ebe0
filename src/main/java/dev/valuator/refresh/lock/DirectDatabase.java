package dev.valuator.refresh.lock;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The optional direct (non-pooled) connection of {@code DATABASE_DIRECT_URL}, derived by
 * {@code EnvironmentCheck}: when set, the refresh lock and migrations use it and the request pool
 * stays on {@code DATABASE_URL}.
 *
 * @param url JDBC URL without the password
 * @param username login user, or null
 * @param password login password, or null
 */
@ConfigurationProperties("valuator.database.direct")
public record DirectDatabase(String url, String username, String password) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
        return "DirectDatabase[url=" + url + ", username=" + username + ", password="
                + (password == null ? "null" : "***") + "]";
    }
}

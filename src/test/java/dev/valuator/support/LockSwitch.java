package dev.valuator.support;

import dev.valuator.refresh.lock.RefreshLock;
import dev.valuator.refresh.lock.RunLock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The runs' lock as tests see it: the service's {@link RefreshLock}, unless a negative control
 * {@linkplain Switch#exclusive(boolean) switches exclusion off}: then every caller gets a plain
 * connection, as if there were no lock.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LockSwitch {

    @Bean
    @Primary
    Switch runLockSwitch(RefreshLock lock, Environment environment) {
        return new Switch(lock, environment);
    }

    /** {@link RefreshLock}, or no exclusion at all. */
    public static final class Switch implements RunLock {
        private final RefreshLock lock;
        private final Environment environment;
        private volatile boolean exclusive = true;

        Switch(RefreshLock lock, Environment environment) {
            this.lock = lock;
            this.environment = environment;
        }

        public void exclusive(boolean exclusive) {
            this.exclusive = exclusive;
        }

        @Override
        public Optional<Held> tryAcquire(Duration statementTimeout) throws SQLException {
            return exclusive ? lock.tryAcquire(statementTimeout) : Optional.of(unlocked());
        }

        private Held unlocked() throws SQLException {
            Connection connection = DriverManager.getConnection(
                    environment.getRequiredProperty("spring.datasource.url"),
                    environment.getProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password"));
            int pid;
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            return new Held() {
                @Override
                public Connection connection() {
                    return connection;
                }

                @Override
                public int backendPid() {
                    return pid;
                }

                @Override
                public void close() {
                    try {
                        connection.close();
                    } catch (SQLException e) {
                        // nothing held: closing an unlocked connection has nothing to release
                    }
                }
            };
        }
    }
}

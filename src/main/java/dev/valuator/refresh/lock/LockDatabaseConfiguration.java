package dev.valuator.refresh.lock;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the refresh lock connects, and the start-up check of that place. */
@Configuration(proxyBeanMethods = false)
class LockDatabaseConfiguration {

    @Bean
    DatabaseEndpoint lockDatabase(DirectDatabase direct, JdbcConnectionDetails pool) {
        return direct.configured()
                ? new DatabaseEndpoint("DATABASE_DIRECT_URL", direct.url(), direct.username(), direct.password())
                : poolEndpoint(pool);
    }

    @Bean
    PoolerCheck poolerCheck(DatabaseEndpoint lockDatabase, DirectDatabase direct, JdbcConnectionDetails pool) {
        PoolerCheck check = new PoolerCheck(lockDatabase, direct.configured() ? poolEndpoint(pool) : null);
        check.verify();
        return check;
    }

    /** Makes Flyway wait for the check: migrations must not run through a transaction-mode pooler either. */
    @Bean
    FlywayConfigurationCustomizer migrationsAfterPoolerCheck(PoolerCheck poolerCheck) {
        return configuration -> {};
    }

    private static DatabaseEndpoint poolEndpoint(JdbcConnectionDetails pool) {
        return new DatabaseEndpoint("DATABASE_URL", pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }
}

package dev.valuator.system.database;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code DATABASE_URL=embedded}: starts the service's own PostgreSQL, data under
 * {@code ./data/postgres}, once per JVM, and points the datasource at it. A listener rather than
 * part of {@code EnvironmentCheck} so that it runs once logging is set up and its lines reach the
 * log; it stops the server after the application context has closed.
 */
public class EmbeddedDatabaseStarter implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final Path DIRECTORY = Path.of("data", "postgres");
    static final String DATABASE = "valuator";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseStarter.class);
    private static final ReentrantLock STARTING = new ReentrantLock();
    private static DatabaseUrl running;

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        String requested = DatabaseUrl.requested(environment);
        if (requested == null || !EmbeddedDatabase.REQUEST.equalsIgnoreCase(requested.strip())) {
            return;
        }
        DatabaseUrl url = start();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "valuatorEmbeddedDatabase",
                        Map.of("spring.datasource.url", url.jdbcUrl(), "spring.datasource.username", url.username())));
    }

    private static DatabaseUrl start() {
        STARTING.lock();
        try {
            return startOnce();
        } finally {
            STARTING.unlock();
        }
    }

    private static DatabaseUrl startOnce() {
        if (running == null) {
            Path directory = DIRECTORY.toAbsolutePath();
            EmbeddedDatabase database = EmbeddedDatabase.persistent(directory, 0, Map.of());
            SpringApplication.getShutdownHandlers().add(database::close);
            database.createDatabase(DATABASE);
            log.info(
                    "DATABASE_URL=embedded: PostgreSQL {} of this service's own on localhost:{}, data kept in {}."
                            + " For development only, not for production: set DATABASE_URL to a real server there.",
                    database.version(),
                    database.port(),
                    directory);
            running = database.url(DATABASE);
        }
        return running;
    }
}

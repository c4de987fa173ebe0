package dev.valuator.system.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Opens one connection to the configured database before any bean does, so that a database
 * that cannot be reached stops start-up with {@link DatabaseUnreachable} (a few lines naming the
 * server and the cause) instead of the pool's and Flyway's nested stack traces.
 */
public class DatabaseReachability implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return;
        }
        String user = environment.getProperty("spring.datasource.username");
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        String password = environment.getProperty("spring.datasource.password");
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("ApplicationName", "valuator-startup-check");
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw DatabaseUnreachable.of(url, user != null ? user : userOf(url), e);
        }
    }

    private static String userOf(String url) {
        for (String parameter : url.substring(url.indexOf('?') + 1).split("&")) {
            if (parameter.startsWith("user=")) {
                return parameter.substring(5);
            }
        }
        return null;
    }
}

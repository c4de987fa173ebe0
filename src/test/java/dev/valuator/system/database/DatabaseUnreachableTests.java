package dev.valuator.system.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.valuator.ValuatorApplication;
import dev.valuator.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The start-up message for each way the database cannot be reached, as a user sees it: the
 * service started with that {@code DATABASE_URL}, its console output read back. The server here
 * is this class's own embedded PostgreSQL (ssl off; user {@code locked} needs a password, user
 * {@code tlsonly} only TLS), so no shared server is needed for any case.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseUnreachableTests {

    static final String PASSWORD = "pw-never-printed-4711";
    static EmbeddedDatabase server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedDatabase.throwaway(TestDatabase.TEST_SERVER_CONFIG, directory -> {
            try {
                Files.writeString(directory.resolve("pg_hba.conf"), """
                        local all all trust
                        host all locked 127.0.0.1/32 scram-sha-256
                        host all locked ::1/128 scram-sha-256
                        hostnossl all tlsonly all reject
                        host all all 127.0.0.1/32 trust
                        host all all ::1/128 trust
                        """);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (Connection connection = TestDatabase.connect(server.url("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE locked LOGIN PASSWORD 'the-right-password-1'");
            statement.execute("CREATE ROLE tlsonly LOGIN");
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Starts the service with {@code databaseUrl}; returns the failure's report (asserting it is short). */
    static String startUp(String databaseUrl, CapturedOutput output) {
        // a fresh logging set-up, as in a new process: levels other tests raised do not linger
        LoggingSystem.get(DatabaseUnreachableTests.class.getClassLoader()).cleanUp();
        int before = output.getOut().length();
        int beforeErr = output.getErr().length();
        assertThatThrownBy(() -> new SpringApplicationBuilder(ValuatorApplication.class)
                        .web(WebApplicationType.NONE)
                        .run("--DATABASE_URL=" + databaseUrl))
                .isInstanceOf(DatabaseUnreachable.class);
        String printed = output.getOut().substring(before) + output.getErr().substring(beforeErr);
        assertThat(printed).contains("APPLICATION FAILED TO START").doesNotContain(PASSWORD);
        assertThat(printed.lines().filter(line -> line.startsWith("\tat ")))
                .as("no stack trace at the default log level")
                .isEmpty();
        String report = printed.substring(printed.indexOf("APPLICATION FAILED TO START"));
        // the test's own embedded server logs the refused login on a thread of its own, in between
        List<String> lines = report.lines()
                .filter(line -> !line.isBlank())
                .filter(line -> !line.contains("embedded.EmbeddedPostgres"))
                .toList();
        assertThat(lines).as(report).hasSizeLessThanOrEqualTo(8);
        return report;
    }

    @Test
    void unknownHost(CapturedOutput output) {
        String report = startUp("postgres://user:" + PASSWORD + "@nohost.invalid:5432/x", output);
        assertThat(report)
                .contains("host nohost.invalid, port 5432, database \"x\", user \"user\"")
                .contains("unknown host")
                .contains("Check the host name in DATABASE_URL");
    }

    @Test
    void connectionRefused(CapturedOutput output) {
        int closedPort = freePort();
        String report = startUp("postgres://postgres:" + PASSWORD + "@127.0.0.1:" + closedPort + "/valuator", output);
        assertThat(report)
                .contains("host 127.0.0.1, port " + closedPort + ", database \"valuator\"")
                .contains("connection refused")
                .contains("Check that PostgreSQL is running there");
    }

    @Test
    void authenticationFailed(CapturedOutput output) {
        String report = startUp("postgres://locked:" + PASSWORD + "@127.0.0.1:" + server.port() + "/postgres", output);
        assertThat(report)
                .contains("port " + server.port() + ", database \"postgres\", user \"locked\"")
                .contains("authentication failed for user \"locked\"")
                .contains("the user name and password in DATABASE_URL");
    }

    @Test
    void databaseDoesNotExist(CapturedOutput output) {
        String report =
                startUp("postgres://postgres:" + PASSWORD + "@127.0.0.1:" + server.port() + "/nosuchdb", output);
        assertThat(report).contains("database \"nosuchdb\" does not exist").contains("CREATE DATABASE nosuchdb");
    }

    @Test
    void tlsRequiredButTheServerHasNone(CapturedOutput output) {
        String report = startUp(
                "postgres://postgres:" + PASSWORD + "@127.0.0.1:" + server.port() + "/postgres?sslmode=require",
                output);
        assertThat(report).contains("TLS required").contains("does not support SSL");
    }

    @Test
    void theServerAcceptsOnlyTls(CapturedOutput output) {
        String report = startUp("postgres://tlsonly:" + PASSWORD + "@127.0.0.1:" + server.port() + "/postgres", output);
        assertThat(report).contains("TLS required").contains("sslmode=require");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

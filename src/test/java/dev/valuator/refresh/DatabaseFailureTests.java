package dev.valuator.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.refresh.lock.DatabaseFailure;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** The public text of a database failure: a sentence and the job id, never the driver's words. */
class DatabaseFailureTests {

    @Test
    void aRefusedConnectionIsASentenceWithTheJobId() {
        UUID job = UUID.randomUUID();
        var failure = new DataAccessResourceFailureException(
                "Failed to obtain JDBC Connection",
                new SQLException(
                        "Connection to db-7.internal.example:5432 refused (10.0.3.7)",
                        "08001",
                        new UnknownHostException("db-7.internal.example")));
        String text = DatabaseFailure.forJob(failure, job);
        assertThat(text)
                .startsWith("The database refused or dropped the connection")
                .contains(job.toString());
        assertThat(text).doesNotContain("db-7", "10.0.3.7", "5432", "JDBC", "Connection to");
    }

    @Test
    void statementsAndDriverMessagesNeverShow() {
        var syntax = new SQLException(
                "ERROR: relation \"trades\" does not exist\n  Position: 15 SELECT * FROM trades", "42P01");
        assertThat(DatabaseFailure.sentence(syntax))
                .isEqualTo("The database schema does not match this version of the service");
        assertThat(DatabaseFailure.sentence(new SQLException("canceling statement due to user request", "57014")))
                .doesNotContain("canceling");
        assertThat(DatabaseFailure.sentence(new SQLException("FATAL: terminating connection", "57P01")))
                .isEqualTo("The database shut down or ended the session");
        assertThat(DatabaseFailure.sentence(new IllegalStateException("secret host")))
                .isEqualTo("The database failed");
    }
}

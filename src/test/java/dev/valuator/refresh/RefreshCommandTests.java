package dev.valuator.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.valuator.ValuatorApplication;
import dev.valuator.refresh.cli.RefreshCommand;
import dev.valuator.refresh.request.RefreshRequest;
import dev.valuator.support.Holdings;
import dev.valuator.support.PolygonStandIn;
import dev.valuator.support.Tables;
import dev.valuator.support.TestDatabase;
import dev.valuator.support.TestEnvironment;
import dev.valuator.system.database.DatabaseUrl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code java -jar valuator.jar refresh}: exit 0 (SUCCEEDED), 75 (SKIPPED_CONFLICT), 1 (FAILED). */
@EnabledIf("dev.valuator.support.TestDatabase#available")
class RefreshCommandTests {

    @BeforeAll
    static void environment() {
        TestEnvironment.install();
    }

    /**
     * Each test owns its rows: the schema as the service migrates it, empty tables, and one
     * account holding AAPL, so every run has work to do, whatever other classes left behind.
     */
    @BeforeEach
    void anAccountHoldingAppleAlone() throws Exception {
        DatabaseUrl url = TestDatabase.url();
        Flyway.configure()
                .dataSource(url.jdbcUrl(), url.username(), url.password())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        try (Connection connection = TestDatabase.connect()) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            Tables.truncateAll(jdbc);
            Holdings.anAccountHolding(jdbc, "cli-1", "AAPL", 10, 90);
        }
    }

    long applePrices() throws Exception {
        try (Connection connection = TestDatabase.connect()) {
            return new JdbcTemplate(new SingleConnectionDataSource(connection, true))
                    .queryForObject("SELECT count(*) FROM daily_prices WHERE symbol = 'AAPL'", Long.class);
        }
    }

    @Test
    void exitsZeroWhenTheRunSucceeds() throws Exception {
        PolygonStandIn.market(0, Clock.systemUTC(), "AAPL");
        assertThat(RefreshCommand.execute(ValuatorApplication.class, new String[] {"refresh"}))
                .isEqualTo(0);
        assertThat(applePrices()).as("the run fetched and stored AAPL's bars").isPositive();
    }

    @Test
    void exits75WhenAnotherRunHoldsTheLock() throws Exception {
        PolygonStandIn.market(0, Clock.systemUTC(), "AAPL");
        try (Connection holder = TestDatabase.connect();
                Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(482175)");
            assertThat(RefreshCommand.execute(ValuatorApplication.class, new String[] {"refresh"}))
                    .isEqualTo(75);
        }
    }

    @Test
    void exitsOneWhenTheRunFails() throws Exception {
        PolygonStandIn.failing(401, "{\"status\":\"ERROR\",\"error\":\"Unknown API Key\"}");
        assertThat(RefreshCommand.execute(ValuatorApplication.class, new String[] {"refresh", "--symbols=AAPL"}))
                .isEqualTo(1);
        assertThat(PolygonStandIn.requests()).as("the run asked the provider").isPositive();
        assertThat(applePrices()).isZero();
        assertThat(RefreshCommand.execute(ValuatorApplication.class, new String[] {"refresh", "--from=yesterday"}))
                .isEqualTo(1);
    }

    @Test
    void printsOnlyTheJobJsonOnStdoutAndLogsOnStderr() {
        PolygonStandIn.market(0, Clock.systemUTC(), "AAPL");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int exit;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            exit = RefreshCommand.execute(
                    ValuatorApplication.class,
                    new String[] {"refresh"},
                    new PrintStream(json, true, StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        assertThat(exit).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Refresh ").contains(" started");
        JsonNode printed = JsonMapper.builder().build().readTree(json.toString(StandardCharsets.UTF_8));
        assertThat(printed.path("data").path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(json.toString(StandardCharsets.UTF_8).strip().lines()).hasSize(1);
    }

    @Test
    void parsesItsOptions() {
        RefreshRequest request = RefreshCommand.parse(
                new String[] {"--account=acc-1", "--symbols=AAPL,BRK.B", "--from=2026-01-01", "--to=2026-01-31"});
        assertThat(request.accountId()).isEqualTo("acc-1");
        assertThat(request.symbols()).containsExactly("AAPL", "BRK.B");
        assertThat(request.from()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(request.to()).isEqualTo(LocalDate.of(2026, 1, 31));
    }
}

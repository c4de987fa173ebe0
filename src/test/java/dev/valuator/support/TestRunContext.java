package dev.valuator.support;

import dev.valuator.system.RunContext;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/** A {@link RunContext} over a plain DataSource for phase tests: no lock, no deadline. */
public class TestRunContext implements RunContext {

    private final UUID jobId;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public TestRunContext(DataSource dataSource, UUID jobId) {
        this.jobId = jobId;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public UUID jobId() {
        return jobId;
    }

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public TransactionOperations transactions() {
        return transactions;
    }

    @Override
    public Instant deadline() {
        return Instant.MAX;
    }

    @Override
    public void checkpoint() {}
}

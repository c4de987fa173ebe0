package dev.valuator.support;

import dev.valuator.system.RunContext;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/** A run for phase tests: pooled connections, no lock, a deadline far away, counted checkpoints. */
public final class TestRunContext implements RunContext {

    private final UUID jobId;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AtomicInteger checkpoints = new AtomicInteger();

    public TestRunContext(DataSource dataSource) {
        this(dataSource, UUID.randomUUID());
    }

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
        return Instant.parse("2999-01-01T00:00:00Z");
    }

    @Override
    public void checkpoint() {
        checkpoints.incrementAndGet();
    }

    /** How many safe points the phase passed. */
    public int checkpoints() {
        return checkpoints.get();
    }
}

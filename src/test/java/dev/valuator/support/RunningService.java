package dev.valuator.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What most {@link ValuatorTest} classes share: the service's port, its database and clock, and a
 * client; each test starts from empty domain tables.
 */
public abstract class RunningService {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected MutableClock clock;

    protected Http http;

    @BeforeEach
    void emptyTablesAndAClient() {
        Tables.truncateAll(jdbc);
        http = new Http(port);
    }

    /** Whether no session of this database holds the refresh advisory lock (482175). */
    protected boolean lockIsFree() {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 482175 AND granted"
                                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                        Long.class)
                == 0;
    }
}

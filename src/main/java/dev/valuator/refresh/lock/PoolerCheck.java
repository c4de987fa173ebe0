package dev.valuator.refresh.lock;

import dev.valuator.system.config.ConfigurationError;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, before migrations: the location the refresh lock will use must keep a client's
 * server session, or two runs could both believe they hold the session advisory lock. A
 * transaction-mode pooler there stops start-up with an explanation; a session-mode pooler is
 * fine.
 */
final class PoolerCheck {

    private static final Logger log = LoggerFactory.getLogger(PoolerCheck.class);
    /** A session pooler with no free server connection makes a probe wait; start-up should not wait long. */
    private static final Map<String, String> PROBE_SOCKET_TIMEOUT = Map.of("socketTimeout", "15");

    private final DatabaseEndpoint lock;
    private final DatabaseEndpoint pool;

    /**
     * @param lock where the refresh lock and migrations connect
     * @param pool where the request pool connects, when that is somewhere else; else null
     */
    PoolerCheck(DatabaseEndpoint lock, DatabaseEndpoint pool) {
        this.lock = lock;
        this.pool = pool;
    }

    void verify() {
        PoolerProbe.Finding finding;
        try {
            finding = PoolerProbe.probe(() -> lock.open(PROBE_SOCKET_TIMEOUT));
        } catch (SQLException e) {
            // the pool and migrations report an unreachable database in their own words
            log.warn(
                    "Could not check how {} reaches PostgreSQL ({}); each refresh run still makes sure its lock"
                            + " connection keeps its server backend",
                    lock.variable(),
                    firstLine(e));
            return;
        }
        if (finding.route() == PoolerProbe.Route.TRANSACTION_POOLER) {
            throw new ConfigurationError(refusal(lock.variable(), finding));
        }
        log.info("{} (refresh lock, migrations): {}", lock.variable(), finding.describe());
        if (pool != null) {
            try {
                log.info(
                        "{} (request pool, no server-side prepared statements): {}",
                        pool.variable(),
                        PoolerProbe.probe(() -> pool.open(PROBE_SOCKET_TIMEOUT)).describe());
            } catch (SQLException e) {
                log.warn("Could not check how {} reaches PostgreSQL: {}", pool.variable(), firstLine(e));
            }
        }
    }

    static List<String> refusal(String variable, PoolerProbe.Finding finding) {
        String fix = "DATABASE_URL".equals(variable)
                ? "Set DATABASE_DIRECT_URL to a direct connection (the database host itself, or the pooler in session"
                        + " mode: Supabase's session pooler port 5432, Neon's host without \"-pooler\"); DATABASE_URL may"
                        + " stay on the transaction-mode pooler for the request pool."
                : "Point DATABASE_DIRECT_URL at the database host itself (or a pooler in session mode), not at the"
                        + " transaction-mode pooler; DATABASE_URL may stay on the pooler.";
        return List.of(
                variable + " goes through " + finding.describe() + ".",
                "The refresh lock is a PostgreSQL session advisory lock and needs a connection that keeps its server"
                        + " session: through this pooler two runs could both believe they hold it.",
                fix);
    }

    private static String firstLine(SQLException e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
    }
}

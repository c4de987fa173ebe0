package dev.valuator.refresh.lock;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Finds out how a database location reaches its PostgreSQL backend by watching it, not by trusting
 * the URL. Two observations:
 *
 * <ol>
 *   <li><b>A pooler or proxy</b>: the process id announced at login (the driver's backend key
 *       data) is not {@code pg_backend_pid()}. PgBouncer answers the login itself with a key of its
 *       own, in every pool mode, whatever the load.
 *   <li><b>Transaction (or statement) pooling</b>: a client connection does not own its server
 *       backend between transactions. The probe keeps a first client connection open, opens further
 *       ones that each hold a transaction open — taking idle backends out of the pool — and looks
 *       whether one of them is served by the first one's backend, or the first one moves to another
 *       backend. Neither can happen directly or in session mode (a client keeps its backend until
 *       it disconnects), so session pooling is never mistaken for transaction pooling; in
 *       transaction mode an idle pooler hands the just-released backend to the next client, and a
 *       busy one moves the first client, so it shows on the first round. Statement pooling refuses
 *       the held transaction outright.
 * </ol>
 */
final class PoolerProbe {

    /** Further client connections opened at most, each holding a transaction (and so a backend). */
    static final int HOLDERS = 3;

    /**
     * How often the first connection is asked for its backend after each holder. A busy transaction
     * pooler hands back the most recently released backend, which now and then is the first's own
     * again (1 probe in 50 under load saw it three times running); a session pooler or a
     * direct connection never changes it, so asking more often costs a few queries and can only
     * find transaction pooling where it is.
     */
    static final int CHECKS_PER_HOLDER = 5;

    enum Route {
        DIRECT,
        SESSION_POOLER,
        TRANSACTION_POOLER
    }

    /**
     * @param route what was found
     * @param announcedPid the process id the driver was told at login
     * @param backendPid {@code pg_backend_pid()} of the first client connection
     * @param evidence what showed transaction pooling, or null
     */
    record Finding(Route route, int announcedPid, int backendPid, String evidence) {

        /** One sentence for logs and the start-up refusal. */
        String describe() {
            String login = "the process id announced at login (" + announcedPid + ") "
                    + (announcedPid == backendPid ? "is" : "is not") + " the server backend's (" + backendPid + ")";
            return switch (route) {
                case DIRECT -> "a direct connection: " + login;
                case SESSION_POOLER ->
                    "a connection pooler in session mode: " + login
                            + ", and each client connection kept its own server backend across transactions";
                case TRANSACTION_POOLER -> "a connection pooler in transaction mode: " + login + ", and " + evidence;
            };
        }
    }

    /** Opens a connection to the location being probed. */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    private PoolerProbe() {}

    static Finding probe(Connector connector) throws SQLException {
        try (Connection first = connector.open()) {
            int announced = first.unwrap(PGConnection.class).getBackendPID();
            int backend = backendPid(first);
            List<Connection> holders = new ArrayList<>();
            try {
                for (int i = 0; i < HOLDERS; i++) {
                    Connection holder = connector.open();
                    holders.add(holder);
                    int held;
                    try {
                        holder.setAutoCommit(false);
                        held = backendPid(holder);
                    } catch (SQLException e) {
                        // anything else (a full pool timing out, a network error) proves nothing either way
                        if (e.getMessage() == null || !e.getMessage().contains("statement pooling")) {
                            throw e;
                        }
                        return new Finding(
                                Route.TRANSACTION_POOLER,
                                announced,
                                backend,
                                "it refused a transaction spanning two statements (statement pooling: "
                                        + firstLine(e.getMessage()) + ")");
                    }
                    if (held == backend) {
                        return new Finding(
                                Route.TRANSACTION_POOLER,
                                announced,
                                backend,
                                "another client connection was served by that same backend while the first was"
                                        + " still open");
                    }
                    for (int check = 0; check < CHECKS_PER_HOLDER; check++) {
                        int again = backendPid(first);
                        if (again != backend) {
                            return new Finding(
                                    Route.TRANSACTION_POOLER,
                                    announced,
                                    backend,
                                    "one client connection was served by backend " + backend + ", then by backend "
                                            + again);
                        }
                    }
                }
            } finally {
                for (Connection holder : holders) {
                    try {
                        holder.rollback();
                    } catch (SQLException e) {
                        // closing below ends the transaction anyway
                    }
                    RefreshLock.closeQuietly(holder);
                }
            }
            return new Finding(announced == backend ? Route.DIRECT : Route.SESSION_POOLER, announced, backend, null);
        }
    }

    static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String firstLine(String message) {
        return message == null
                ? "no message"
                : message.lines().findFirst().orElse(message).strip();
    }
}

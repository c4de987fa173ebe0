package dev.valuator.refresh.lock;

import java.sql.SQLException;
import java.util.UUID;

/**
 * What a job row and an HTTP answer may say about a database failure: a sentence a person can act
 * on and the job id to find the full detail in the log — never a host name, an address, SQL or the
 * driver's own message.
 */
public final class DatabaseFailure {

    private DatabaseFailure() {}

    /** A sentence for this failure, by SQLSTATE class (the standard's, not the driver's words). */
    public static String sentence(Throwable failure) {
        String state = sqlState(failure);
        if (state == null) {
            return "The database failed";
        }
        if (state.startsWith("08")) {
            return "The database refused or dropped the connection";
        }
        if (state.startsWith("28")) {
            return "The database refused the credentials";
        }
        if (state.equals("57014")) {
            return "A database statement was cancelled (statement timeout or a stop)";
        }
        if (state.startsWith("57")) {
            return "The database shut down or ended the session";
        }
        if (state.startsWith("53")) {
            return "The database ran out of resources (disk, memory or connections)";
        }
        if (state.startsWith("40")) {
            return "The database rolled the work back (a conflict or deadlock); the next run retries it";
        }
        if (state.startsWith("42") || state.startsWith("3F")) {
            return "The database schema does not match this version of the service";
        }
        return "The database rejected a statement";
    }

    /** {@link #sentence} with the job to look up in the service log. */
    public static String forJob(Throwable failure, UUID jobId) {
        return sentence(failure) + " (job " + jobId + "; the service log has the details)";
    }

    /** True when a JDBC failure lies anywhere in the chain. */
    public static boolean isDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}

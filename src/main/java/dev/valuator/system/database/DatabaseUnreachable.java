package dev.valuator.system.database;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Start-up stopped because the database cannot be reached: where it was looked for (host, port,
 * database, user — never the password), the cause in words and what to check.
 */
public class DatabaseUnreachable extends RuntimeException {

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/?]*)/?([^?]*)");

    private final String location;
    private final String reason;
    private final String check;

    private DatabaseUnreachable(String location, String reason, String check, SQLException cause) {
        super("Database unreachable: " + location + ": " + reason, cause);
        this.location = location;
        this.reason = reason;
        this.check = check;
    }

    public String location() {
        return location;
    }

    public String reason() {
        return reason;
    }

    public String check() {
        return check;
    }

    static DatabaseUnreachable of(String jdbcUrl, String user, SQLException failure) {
        Matcher matcher = JDBC.matcher(jdbcUrl);
        String hostPort = matcher.lookingAt() ? matcher.group(1) : "?";
        String database = matcher.lookingAt() && !matcher.group(2).isEmpty() ? matcher.group(2) : "(the user's name)";
        int colon = hostPort.lastIndexOf(':');
        boolean hasPort = colon > hostPort.lastIndexOf(']');
        String host = hasPort ? hostPort.substring(0, colon) : hostPort;
        String port = hasPort ? hostPort.substring(colon + 1) : "5432";
        String location = "host " + host + ", port " + port + ", database \"" + database + "\""
                + (user == null ? "" : ", user \"" + user + "\"");
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (causedBy(failure, UnknownHostException.class)) {
            return new DatabaseUnreachable(
                    location,
                    "unknown host: \"" + host + "\" does not resolve to an address",
                    "the host name in DATABASE_URL, and that this machine's DNS knows it",
                    failure);
        }
        if (causedBy(failure, ConnectException.class) || lower.contains("connection refused")) {
            return new DatabaseUnreachable(
                    location,
                    "connection refused: nothing accepts connections on " + host + ":" + port,
                    "that PostgreSQL is running there and listens on that address and port"
                            + " (listen_addresses, the port in DATABASE_URL, a firewall)",
                    failure);
        }
        if (causedBy(failure, SocketTimeoutException.class) || causedBy(failure, NoRouteToHostException.class)) {
            return new DatabaseUnreachable(
                    location,
                    "no answer: " + host + ":" + port + " did not respond in time",
                    "the network path to the server (firewall, security group, VPN) and the port in DATABASE_URL",
                    failure);
        }
        if (lower.contains("does not support ssl")) {
            return new DatabaseUnreachable(
                    location,
                    "TLS required but not offered: DATABASE_URL asks for TLS (sslmode=require or stricter) and"
                            + " the server does not support SSL",
                    "whether this server should use TLS: enable ssl on it, or drop sslmode from DATABASE_URL"
                            + " for a server on a trusted network",
                    failure);
        }
        if (state.equals("28000") && lower.contains("no encryption")) {
            return new DatabaseUnreachable(
                    location,
                    "TLS required: the server accepts this user only over an encrypted connection",
                    "that DATABASE_URL asks for TLS: add ?sslmode=require to it",
                    failure);
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new DatabaseUnreachable(
                    location,
                    "authentication failed for user \"" + user + "\"",
                    "the user name and password in DATABASE_URL (the password is not shown here), and the"
                            + " server's pg_hba.conf for this host",
                    failure);
        }
        if (state.equals("3D000")) {
            return new DatabaseUnreachable(
                    location,
                    "database \"" + database + "\" does not exist on that server",
                    "the database name in DATABASE_URL, or create it: CREATE DATABASE " + database,
                    failure);
        }
        if (causedBy(failure, SSLException.class)) {
            return new DatabaseUnreachable(
                    location,
                    "the TLS handshake failed: " + rootMessage(failure),
                    "the sslmode of DATABASE_URL and the server's certificate (sslrootcert)",
                    failure);
        }
        return new DatabaseUnreachable(
                location,
                "the connection failed: " + rootMessage(failure) + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"),
                "DATABASE_URL and that the server is up",
                failure);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}

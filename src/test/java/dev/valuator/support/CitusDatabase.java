package dev.valuator.support;

import dev.valuator.system.database.DatabaseUrl;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throwaway database on a given Citus cluster ({@code -Dtest.citus.url}, the coordinator's
 * admin database), ready for the migrations to distribute into: Citus 13.0 neither propagates
 * {@code CREATE DATABASE} nor registers nodes per database, so this creates the database on the
 * coordinator and every worker, installs the extension in each and registers the workers in it.
 * Dropped on all nodes when the JVM exits. Nothing here restarts or reconfigures a node.
 */
final class CitusDatabase {

    private record Node(String host, int port) {}

    private CitusDatabase() {}

    static DatabaseUrl create(DatabaseUrl admin) throws SQLException {
        String name = "valuator_citus_" + ProcessHandle.current().pid() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        List<Node> workers;
        try (Connection connection = connect(admin);
                Statement statement = connection.createStatement()) {
            workers = workers(statement);
            statement.execute("CREATE DATABASE " + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(admin, name)));
            onWorkers(statement, "CREATE DATABASE " + name);
        }
        DatabaseUrl created =
                new DatabaseUrl(TestDatabase.withDatabase(admin.jdbcUrl(), name), admin.username(), admin.password());
        URI coordinator = URI.create(admin.jdbcUrl().substring("jdbc:".length()));
        try (Connection connection = connect(created);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION citus");
            for (Node worker : workers) {
                try (PreparedStatement extension = connection.prepareStatement("""
                        SELECT success, result FROM master_run_on_worker(
                            ARRAY[?], ARRAY[?], ARRAY['CREATE EXTENSION IF NOT EXISTS citus'], false)""")) {
                    extension.setString(1, worker.host());
                    extension.setInt(2, worker.port());
                    check(extension.executeQuery(), "CREATE EXTENSION citus on " + worker);
                }
            }
            try (PreparedStatement host = connection.prepareStatement("SELECT citus_set_coordinator_host(?, ?)")) {
                host.setString(1, coordinator.getHost());
                host.setInt(2, coordinator.getPort() < 0 ? 5432 : coordinator.getPort());
                host.execute();
            }
            for (Node worker : workers) {
                try (PreparedStatement add = connection.prepareStatement("SELECT citus_add_node(?, ?)")) {
                    add.setString(1, worker.host());
                    add.setInt(2, worker.port());
                    add.execute();
                }
            }
        }
        return created;
    }

    private static List<Node> workers(Statement admin) throws SQLException {
        List<Node> workers = new ArrayList<>();
        try (ResultSet rows = admin.executeQuery(
                "SELECT nodename, nodeport FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' ORDER BY 1, 2")) {
            while (rows.next()) {
                workers.add(new Node(rows.getString(1), rows.getInt(2)));
            }
        }
        if (workers.isEmpty()) {
            throw new IllegalStateException("-Dtest.citus.url names a Citus coordinator without workers");
        }
        return workers;
    }

    // run_command_on_workers never raises: its per-node success flags say what happened
    private static void onWorkers(Statement admin, String command) throws SQLException {
        check(
                admin.executeQuery("SELECT success, result FROM run_command_on_workers('" + command + "')"),
                command + " on the workers");
    }

    private static void check(ResultSet rows, String what) throws SQLException {
        try (rows) {
            while (rows.next()) {
                if (!rows.getBoolean(1)) {
                    throw new IllegalStateException(what + " failed: " + rows.getString(2));
                }
            }
        }
    }

    private static void drop(DatabaseUrl admin, String name) {
        try (Connection connection = connect(admin);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            onWorkers(statement, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException | RuntimeException e) {
            System.err.println("Could not drop Citus test database " + name + ": " + e.getMessage());
        }
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), TestDatabase.credentials(url));
    }
}

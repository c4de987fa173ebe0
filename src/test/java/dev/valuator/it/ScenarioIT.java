package dev.valuator.it;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every process-level scenario shares: fresh tables and a quiet market before each test
 * ({@link Scenario#prepare()}), and whatever the test started (services, servers, poolers) closed
 * after it, the last started first.
 */
abstract class ScenarioIT {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** What must be up before the tables are prepared, such as the scenario's own server. */
    void beforeScenario() {}

    @BeforeEach
    final void prepareScenario() {
        beforeScenario();
        Scenario.prepare();
    }

    @AfterEach
    final void closeWhatTheTestStarted() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }

    /** {@code resource}, to be closed after the test. */
    <T extends AutoCloseable> T closedAfter(T resource) {
        started.push(resource);
        return resource;
    }
}

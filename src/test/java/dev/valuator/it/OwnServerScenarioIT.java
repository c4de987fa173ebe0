package dev.valuator.it;

/** A scenario on its own embedded server ({@link OwnServer}), up before the tables are prepared. */
abstract class OwnServerScenarioIT extends ScenarioIT {

    OwnServer database;

    @Override
    void beforeScenario() {
        database = closedAfter(OwnServer.start());
    }
}

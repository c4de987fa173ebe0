package dev.valuator.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code refresh}: UP with the alert level and reasons in its
 * details; DOWN when the alert is CRITICAL. Not part of the liveness group — a failing provider
 * must not get the process restarted.
 */
@Component("refresh")
class RefreshHealthIndicator implements HealthIndicator {

    private final AlertReport alerts;

    RefreshHealthIndicator(AlertReport alerts) {
        this.alerts = alerts;
    }

    @Override
    public Health health() {
        AlertReport.Report report = alerts.report(24);
        Health.Builder builder = report.alert().level() == AlertReport.Level.CRITICAL ? Health.down() : Health.up();
        return builder.withDetail("level", report.alert().level())
                .withDetail("reasons", report.alert().reasons())
                .withDetail("consecutiveFailures", report.consecutiveFailures())
                .withDetail("latestSuccessAt", String.valueOf(report.latestSuccessAt()))
                .build();
    }
}

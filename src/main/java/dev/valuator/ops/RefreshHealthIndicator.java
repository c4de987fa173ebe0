package dev.valuator.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The refresh verdict, {@code /actuator/health/refresh}: UP with the alert level and reasons in
 * its details; DOWN when the alert is CRITICAL. Only in its own group ({@link
 * PrimaryHealthGroup}): a failing provider must neither pull the instance from a load
 * balancer nor get the process restarted.
 */
@Component("refreshVerdict")
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

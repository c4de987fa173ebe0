package dev.valuator.system;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Cross-cutting settings.
 *
 * @param adminToken bearer token guarding the admin endpoints ({@code VALUATION_ADMIN_TOKEN}); blank = not configured
 * @param maxRequestBytes largest request body accepted before answering 413
 */
@Validated
@ConfigurationProperties("valuator")
public record ValuatorProperties(
        String adminToken, @Positive long maxRequestBytes) {

    public boolean adminTokenConfigured() {
        return adminToken != null && !adminToken.isEmpty();
    }

    @Override
    public String toString() {
        return "ValuatorProperties[adminToken=" + (adminTokenConfigured() ? "***" : "unset") + ", maxRequestBytes="
                + maxRequestBytes + "]";
    }
}

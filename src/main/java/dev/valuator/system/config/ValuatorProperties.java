package dev.valuator.system.config;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Cross-cutting settings.
 *
 * @param maxRequestBytes largest request body accepted before answering 413
 */
@Validated
@ConfigurationProperties("valuator")
public record ValuatorProperties(@Positive long maxRequestBytes) {}

package dev.valuator.system.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link ConfigurationError} as a list of variables to fix instead of a stack trace. */
class ConfigurationErrorFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationError> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationError cause) {
        return new FailureAnalysis(
                "Valuator cannot start:\n  - " + String.join("\n  - ", cause.problems()),
                "Set the environment variables above as README.md (Configuration) describes.",
                cause);
    }
}

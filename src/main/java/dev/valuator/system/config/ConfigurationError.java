package dev.valuator.system.config;

import java.util.List;

/** Startup stopped because environment variables are missing or malformed; names them, never values. */
public class ConfigurationError extends RuntimeException {

    private final List<String> problems;

    public ConfigurationError(List<String> problems) {
        super("Invalid configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

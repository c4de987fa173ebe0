package dev.valuator.system.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link DatabaseUnreachable} as a few lines; the stack trace only at debug level. */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachable> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachable cause) {
        return new FailureAnalysis(
                "Valuator cannot connect to its database (" + cause.location() + "):\n  " + cause.reason() + ".",
                "Check " + cause.check() + ".\n"
                        + "(Stack trace: LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_BOOT_DIAGNOSTICS=debug.)",
                cause);
    }
}

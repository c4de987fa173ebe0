package dev.valuator.holdings;

import java.time.Instant;

/**
 * An account whose trades are valued.
 *
 * @param accountId the caller's id (docs/api.md format)
 * @param name display name
 * @param createdAt when it was first PUT
 * @param updatedAt when it was last renamed or its ledger changed
 */
public record Account(String accountId, String name, Instant createdAt, Instant updatedAt) {}

package dev.valuator.holdings;

/**
 * Values one account from the prices already stored, right after an import changed its ledger
 * (implemented by the refresh module, which owns the lock and the job rows).
 */
public interface AccountValuer {

    /**
     * Values the account now if no refresh run holds the lock.
     *
     * @return true when its snapshots are up to date with its ledger; false when they stay stale
     *     (a run holds the lock, no stored price covers the new dates yet, or valuing failed) and the
     *     running or next run values it
     */
    boolean valueNow(String accountId);
}

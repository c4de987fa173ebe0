/**
 * Corporate actions besides splits — ticker changes, stock mergers, cash-outs — recorded by hand
 * ({@code /api/corporate-actions}) or learned from the provider during a refresh: checked against
 * the recorded ones and the ledger, stored in {@code prices}' table, and every affected account's
 * snapshots marked stale from the action's date so the next refresh restates them.
 */
package dev.valuator.corporateactions;

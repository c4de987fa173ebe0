package dev.valuator.system.security;

/** Who may call a route. */
enum Access {
    /** Anyone. */
    PUBLIC,
    /** {@code Authorization: Bearer <VALUATION_ADMIN_TOKEN>}. */
    ADMIN,
    /** {@code x-cron-secret} or {@code Authorization: Bearer} with the current or previous cron secret. */
    CRON,
    /** {@code Authorization: Bearer <VALUATION_METRICS_TOKEN>} (or the admin token) when that is set; else anyone. */
    METRICS
}

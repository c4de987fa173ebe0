package dev.valuator.system.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A previous cron secret is meant to live for one rotation, not for ever: while it is set, say
 * so at start-up and once a day, so a forgotten one shows up in the logs.
 */
@Component
class CronSecretRotation {

    private static final Logger log = LoggerFactory.getLogger(CronSecretRotation.class);

    private final AccessProperties access;

    CronSecretRotation(AccessProperties access) {
        this.access = access;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        remind();
    }

    @Scheduled(cron = "0 0 12 * * *", zone = "UTC")
    void daily() {
        remind();
    }

    boolean remind() {
        if (!access.rotating()) {
            return false;
        }
        log.warn(
                "VALUATION_REFRESH_CRON_SECRET_PREVIOUS is set: the scheduled endpoint still accepts the previous cron "
                        + "secret. Once every caller sends the new one, unset it.");
        return true;
    }
}

package dev.valuator.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AccessPropertiesTests {

    static final String ADMIN = "admin-token-0123456789";
    static final String CRON = "cron-secret-0123456789";
    static final String PREVIOUS = "previous-secret-012345";

    @Test
    void aSecretFilesTrailingNewlineDoesNotLockAnyoneOut() {
        var access = new AccessProperties(ADMIN + "\n", "  " + CRON + "\r\n", "\t" + PREVIOUS + " ", "");
        assertThat(access.isAdmin(ADMIN)).isTrue();
        assertThat(access.isCron(CRON)).isTrue();
        assertThat(access.isCron(PREVIOUS)).isTrue();
        assertThat(access.metricsTokenConfigured()).isFalse();
        assertThat(access.isMetrics("")).isFalse();
    }

    @Test
    void credentialsDoNotOpenEachOthersDoors() {
        var access = new AccessProperties(ADMIN, CRON, null, null);
        assertThat(access.isAdmin(CRON)).isFalse();
        assertThat(access.isCron(ADMIN)).isFalse();
        assertThat(access.isCron(null)).isFalse();
        assertThat(access.isAdmin(ADMIN + "x")).isFalse();
        assertThat(access.isCron(PREVIOUS)).isFalse();
    }

    @Test
    void toStringNeverShowsAValue() {
        var access = new AccessProperties(ADMIN, CRON, PREVIOUS, "metrics-token-0123456789");
        assertThat(access.toString()).doesNotContain(ADMIN, CRON, PREVIOUS, "metrics-token");
    }

    @Test
    void aPreviousCronSecretIsRemindedOf(CapturedOutput output) {
        assertThat(new CronSecretRotation(new AccessProperties(ADMIN, CRON, PREVIOUS, null)).remind())
                .isTrue();
        assertThat(output)
                .contains("VALUATION_REFRESH_CRON_SECRET_PREVIOUS is set")
                .doesNotContain(PREVIOUS);
        assertThat(new CronSecretRotation(new AccessProperties(ADMIN, CRON, " ", null)).remind())
                .isFalse();
    }
}

package dev.valuator.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.valuator.system.config.ConfigurationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
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

    @EnableConfigurationProperties(AccessProperties.class)
    static class Bound {}

    ApplicationContextRunner contextWith(String... properties) {
        return new ApplicationContextRunner().withUserConfiguration(Bound.class).withPropertyValues(properties);
    }

    @Test
    void aPreviousCronSecretAloneStopsStartUp() {
        contextWith("valuator.access.admin-token=" + ADMIN, "valuator.access.cron-secret-previous=" + PREVIOUS)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(ConfigurationError.class)
                        .hasMessageContaining("VALUATION_REFRESH_CRON_SECRET_PREVIOUS is set but")
                        .hasMessageNotContaining(PREVIOUS));
        contextWith("valuator.access.cron-secret=" + CRON, "valuator.access.cron-secret-previous=" + PREVIOUS)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void everySecretNeedsSixteenCharactersHoweverItIsSet() {
        // set as properties, not as the environment variables EnvironmentCheck reads
        for (String property : new String[] {"admin-token", "cron-secret", "cron-secret-previous", "metrics-token"}) {
            contextWith("valuator.access.cron-secret=" + CRON, "valuator.access." + property + "=fifteen-chars!!")
                    .run(context -> assertThat(context)
                            .as(property)
                            .getFailure()
                            .rootCause()
                            .isInstanceOf(ConfigurationError.class)
                            .hasMessageContaining("valuator.access." + property + ")")
                            .hasMessageNotContaining("fifteen-chars!!"));
        }
    }

    @Test
    void theAdminTokenAndBothCronSecretsDiffer() {
        assertThatThrownBy(() -> new AccessProperties(ADMIN, ADMIN, null, null))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("VALUATION_REFRESH_CRON_SECRET must differ from VALUATION_ADMIN_TOKEN")
                .hasMessageNotContaining(ADMIN);
        assertThatThrownBy(() -> new AccessProperties(ADMIN, CRON, ADMIN + " ", null))
                .hasMessageContaining("VALUATION_REFRESH_CRON_SECRET_PREVIOUS must differ from VALUATION_ADMIN_TOKEN");
        assertThatThrownBy(() -> new AccessProperties(ADMIN, CRON, CRON, null))
                .hasMessageContaining(
                        "VALUATION_REFRESH_CRON_SECRET_PREVIOUS must differ from VALUATION_REFRESH_CRON_SECRET");
    }
}

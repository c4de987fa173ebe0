package dev.valuator.system.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.valuator.system.database.DatabaseUrl;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EnvironmentCheckTests {

    StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", variables));
        return environment;
    }

    @Test
    void turnsTheUriFormIntoDatasourceProperties() {
        var environment = environment(Map.of("DATABASE_URL", "postgres://app:pw@db:5433/valuator?sslmode=require"));
        new EnvironmentCheck().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://db:5433/valuator?sslmode=require");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("app");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("pw");
    }

    @Test
    void acceptsTheJdbcForm() {
        var environment = environment(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/valuator"));
        new EnvironmentCheck().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/valuator");
    }

    @Test
    void aMissingDatabaseUrlNamesTheVariable() {
        var environment = environment(Map.of());
        assertThatThrownBy(() -> new EnvironmentCheck().postProcessEnvironment(environment, null))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("DATABASE_URL is not set")
                .hasMessageContaining("DATABASE_URL=embedded");
    }

    @Test
    void embeddedIsAcceptedAndLeftToTheStarter() {
        var environment = environment(Map.of("DATABASE_URL", "embedded"));
        new EnvironmentCheck().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("spring.datasource.url")).isNull();
        assertThat(DatabaseUrl.requested(environment)).isEqualTo("embedded");
    }

    @Test
    void springBootRunDefaultsToEmbeddedButDatabaseUrlWins() {
        var unset = environment(Map.of("valuator.default-database-url", "embedded"));
        new EnvironmentCheck().postProcessEnvironment(unset, null);
        assertThat(DatabaseUrl.requested(unset)).isEqualTo("embedded");

        var set = environment(
                Map.of("valuator.default-database-url", "embedded", "DATABASE_URL", "postgres://app@db:5432/valuator"));
        new EnvironmentCheck().postProcessEnvironment(set, null);
        assertThat(DatabaseUrl.requested(set)).isEqualTo("postgres://app@db:5432/valuator");
        assertThat(set.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/valuator");
    }

    @Test
    void malformedValuesAreNamedAndNeverEchoed() {
        var environment = environment(Map.of(
                "DATABASE_URL", "mysql://root:supersecret@db/x",
                "PORT", "eighty",
                "VALUATION_SCHEDULE_CRON", "every minute",
                "VALUATION_SCHEDULE_ZONE", "Mars/Olympus",
                "VALUATION_REFRESH_MAX_RUNTIME", "30 minutes",
                "POLYGON_RATE_LIMIT_PER_MINUTE", "-1",
                "VALUATION_HEARTBEAT_URL", "ftp://hc-ping.com/x"));
        assertThatThrownBy(() -> new EnvironmentCheck().postProcessEnvironment(environment, null))
                .isInstanceOf(ConfigurationError.class)
                .satisfies(e -> {
                    ConfigurationError error = (ConfigurationError) e;
                    assertThat(error.problems())
                            .anySatisfy(p -> assertThat(p).startsWith("DATABASE_URL"))
                            .anySatisfy(p -> assertThat(p).startsWith("PORT is malformed"))
                            .anySatisfy(p -> assertThat(p).startsWith("VALUATION_SCHEDULE_CRON is malformed"))
                            .anySatisfy(p -> assertThat(p).startsWith("VALUATION_SCHEDULE_ZONE is malformed"))
                            .anySatisfy(p -> assertThat(p).startsWith("VALUATION_REFRESH_MAX_RUNTIME is malformed"))
                            .anySatisfy(p -> assertThat(p).startsWith("POLYGON_RATE_LIMIT_PER_MINUTE is malformed"))
                            .anySatisfy(p -> assertThat(p).startsWith("VALUATION_HEARTBEAT_URL is malformed"));
                    assertThat(e.getMessage()).doesNotContain("supersecret");
                });
    }

    @Test
    void aShortSecretStopsStartupNamingTheVariableNeverTheValue() {
        var environment = environment(Map.of(
                "DATABASE_URL", "jdbc:postgresql://db:5432/valuator",
                "VALUATION_ADMIN_TOKEN", "short-admin-tok",
                "VALUATION_REFRESH_CRON_SECRET", "  fifteen-chars!  \n",
                "VALUATION_REFRESH_CRON_SECRET_PREVIOUS", "0123456789abcde",
                "VALUATION_METRICS_TOKEN", "m"));
        assertThatThrownBy(() -> new EnvironmentCheck().postProcessEnvironment(environment, null))
                .isInstanceOf(ConfigurationError.class)
                .satisfies(e -> {
                    assertThat(((ConfigurationError) e).problems())
                            .hasSize(4)
                            .anySatisfy(p -> assertThat(p).startsWith("VALUATION_ADMIN_TOKEN"))
                            .anySatisfy(p -> assertThat(p).startsWith("VALUATION_REFRESH_CRON_SECRET is"))
                            .anySatisfy(p -> assertThat(p).startsWith("VALUATION_REFRESH_CRON_SECRET_PREVIOUS"))
                            .anySatisfy(p -> assertThat(p).startsWith("VALUATION_METRICS_TOKEN"))
                            .allSatisfy(p -> assertThat(p).contains("at least 16 characters"));
                    assertThat(e.getMessage()).doesNotContain("short-admin-tok", "fifteen-chars", "0123456789abcde");
                });
    }

    @Test
    void sixteenCharactersAfterTrimmingAreEnough() {
        var environment = environment(Map.of(
                "DATABASE_URL", "jdbc:postgresql://db:5432/valuator",
                "VALUATION_ADMIN_TOKEN", "0123456789abcdef\n",
                "VALUATION_REFRESH_CRON_SECRET", "  0123456789abcdef  "));
        new EnvironmentCheck().postProcessEnvironment(environment, null);
    }

    @Test
    void aDirectUrlFeedsTheLockAndFlywayAndTurnsOffServerSidePreparedStatementsInThePool() {
        var environment = environment(Map.of(
                "DATABASE_URL", "postgres://app.ref:pooled@pooler:6543/valuator?sslmode=require",
                "DATABASE_DIRECT_URL", "postgresql://app:direct@db:5432/valuator?sslmode=require"));
        new EnvironmentCheck().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://pooler:6543/valuator?sslmode=require");
        assertThat(environment.getProperty("spring.datasource.hikari.data-source-properties.prepareThreshold"))
                .isEqualTo("0");
        assertThat(environment.getProperty("valuator.database.direct.url"))
                .isEqualTo("jdbc:postgresql://db:5432/valuator?sslmode=require");
        assertThat(environment.getProperty("valuator.database.direct.username")).isEqualTo("app");
        assertThat(environment.getProperty("valuator.database.direct.password")).isEqualTo("direct");
        assertThat(environment.getProperty("spring.flyway.url"))
                .isEqualTo("jdbc:postgresql://db:5432/valuator?sslmode=require");
        assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("app");
        assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("direct");
    }

    @Test
    void aDirectUrlWithoutCredentialsLogsInAsTheUserOfDatabaseUrl() {
        var environment = environment(Map.of(
                "DATABASE_URL", "postgres://app:pw@pooler:6543/valuator",
                "DATABASE_DIRECT_URL", "jdbc:postgresql://db:5432/valuator"));
        new EnvironmentCheck().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("valuator.database.direct.username")).isEqualTo("app");
        assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("pw");
    }

    @Test
    void withoutADirectUrlNothingChanges() {
        var environment = environment(Map.of("DATABASE_URL", "postgres://app:pw@db:5432/valuator"));
        new EnvironmentCheck().postProcessEnvironment(environment, null);
        assertThat(environment.getProperty("valuator.database.direct.url")).isNull();
        assertThat(environment.getProperty("spring.flyway.url")).isNull();
        assertThat(environment.getProperty("spring.datasource.hikari.data-source-properties.prepareThreshold"))
                .isNull();
    }

    @Test
    void aMalformedDirectUrlIsNamedAndNeverEchoed() {
        var environment = environment(Map.of(
                "DATABASE_URL", "postgres://app:pw@pooler:6543/valuator",
                "DATABASE_DIRECT_URL", "mysql://root:supersecret@db/x"));
        assertThatThrownBy(() -> new EnvironmentCheck().postProcessEnvironment(environment, null))
                .isInstanceOf(ConfigurationError.class)
                .satisfies(e -> {
                    assertThat(((ConfigurationError) e).problems())
                            .singleElement()
                            .satisfies(p -> assertThat(p).startsWith("DATABASE_DIRECT_URL must start with"));
                    assertThat(e.getMessage()).doesNotContain("supersecret");
                });
        var noHost = environment(Map.of(
                "DATABASE_URL", "postgres://app:pw@pooler:6543/valuator",
                "DATABASE_DIRECT_URL", "postgres://root:supersecret@/x"));
        assertThatThrownBy(() -> new EnvironmentCheck().postProcessEnvironment(noHost, null))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageContaining("DATABASE_DIRECT_URL has no host")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("supersecret"));
    }

    @Test
    void alwaysRefreshedSymbolsAreCheckedOneByOne() {
        for (String good : new String[] {"AAPL", "AAPL,BRK.B", " SPY , QQQ ,IWM"}) {
            new EnvironmentCheck()
                    .postProcessEnvironment(
                            environment(Map.of(
                                    "DATABASE_URL",
                                    "jdbc:postgresql://db:5432/valuator",
                                    "VALUATION_ALWAYS_REFRESH_SYMBOLS",
                                    good)),
                            null);
        }
        for (String bad : new String[] {"aapl", "AAPL,,MSFT", "AAPL;MSFT", "AAPL,", "SPY,TOOLONGSYMBOL12345"}) {
            var environment = environment(Map.of(
                    "DATABASE_URL", "jdbc:postgresql://db:5432/valuator", "VALUATION_ALWAYS_REFRESH_SYMBOLS", bad));
            assertThatThrownBy(() -> new EnvironmentCheck().postProcessEnvironment(environment, null))
                    .as(bad)
                    .isInstanceOf(ConfigurationError.class)
                    .hasMessageContaining("VALUATION_ALWAYS_REFRESH_SYMBOLS is malformed");
        }
    }

    @Test
    void theFailureAnalysisListsTheProblems() {
        var analysis = new ConfigurationErrorFailureAnalyzer()
                .analyze(new ConfigurationError(java.util.List.of("DATABASE_URL is not set")));
        assertThat(analysis.getDescription()).contains("DATABASE_URL is not set");
        assertThat(analysis.getAction()).contains("README");
    }
}

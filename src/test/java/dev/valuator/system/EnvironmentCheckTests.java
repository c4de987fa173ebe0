package dev.valuator.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(EnvironmentCheck.requestedDatabaseUrl(environment)).isEqualTo("embedded");
    }

    @Test
    void springBootRunDefaultsToEmbeddedButDatabaseUrlWins() {
        var unset = environment(Map.of("valuator.default-database-url", "embedded"));
        new EnvironmentCheck().postProcessEnvironment(unset, null);
        assertThat(EnvironmentCheck.requestedDatabaseUrl(unset)).isEqualTo("embedded");

        var set = environment(
                Map.of("valuator.default-database-url", "embedded", "DATABASE_URL", "postgres://app@db:5432/valuator"));
        new EnvironmentCheck().postProcessEnvironment(set, null);
        assertThat(EnvironmentCheck.requestedDatabaseUrl(set)).isEqualTo("postgres://app@db:5432/valuator");
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
    void theFailureAnalysisListsTheProblems() {
        var analysis = new ConfigurationErrorFailureAnalyzer()
                .analyze(new ConfigurationError(java.util.List.of("DATABASE_URL is not set")));
        assertThat(analysis.getDescription()).contains("DATABASE_URL is not set");
        assertThat(analysis.getAction()).contains("README");
    }
}

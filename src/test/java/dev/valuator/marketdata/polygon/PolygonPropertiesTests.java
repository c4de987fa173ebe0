package dev.valuator.marketdata.polygon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolygonPropertiesTests {

    @Test
    void theKeyNeverAppearsInToString() {
        var properties = PolygonProperties.of("super-secret-key", "https://api.polygon.io/", 5);
        assertThat(properties.toString()).doesNotContain("super-secret-key").contains("apiKey=***");
        assertThat(properties.baseUrl()).isEqualTo("https://api.polygon.io");
        assertThat(PolygonProperties.of("", null, 0).toString()).contains("apiKey=unset");
    }

    @Test
    void internalDefaults() {
        var properties = PolygonProperties.of(null, null, 5);
        assertThat(properties.apiKeyConfigured()).isFalse();
        assertThat(properties.baseUrl()).isEqualTo("https://api.massive.com");
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.maxAttempts()).isEqualTo(4);
        assertThat(properties.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.maxPages()).isEqualTo(50);
    }

    @Test
    void aNegativeRateLimitIsRejected() {
        assertThatThrownBy(() -> PolygonProperties.of("k", null, -1))
                .hasMessageContaining("POLYGON_RATE_LIMIT_PER_MINUTE");
    }
}

package dev.valuator.marketdata.polygon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacerTests {

    @Test
    void theFreeTierConfigurationSpacesCallsSoNoMinuteHoldsMoreThanFive() {
        Pacer pacer = new Pacer(PolygonProperties.of("k", null, 5), new SimpleMeterRegistry(), Duration.ofMinutes(1));
        assertThat(pacer.capacity()).isEqualTo(1);
        assertThat(pacer.spacing()).isEqualTo(Duration.ofMillis(12_050));
        // six calls at that spacing span 5 × 12.05 s > 60 s: a sixth call never shares a window with five
        assertThat(pacer.spacing().multipliedBy(5)).isGreaterThan(Duration.ofMinutes(1));
    }

    @Test
    void zeroMeansUnlimited() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Pacer pacer = new Pacer(PolygonProperties.of("k", null, 0), meters, Duration.ofMinutes(1));
        assertThat(pacer.capacity()).isZero();
        assertThat(pacer.spacing()).isZero();
        // a thousand calls in a row never wait: even one wait of the free tier's spacing would take 12 s
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 1000; i++) {
                pacer.acquire();
            }
        });
        var waits = meters.get("polygon.pacing.wait").timer();
        assertThat(waits.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isZero();
    }

    @Test
    void waitsAreMeasured() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Pacer pacer = new Pacer(10, Duration.ofSeconds(1), meters);
        pacer.acquire();
        pacer.acquire();
        var waits = meters.get("polygon.pacing.wait").timer();
        assertThat(waits.count()).isEqualTo(2);
        assertThat(waits.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThan(50);
    }
}

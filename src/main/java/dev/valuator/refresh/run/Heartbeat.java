package dev.valuator.refresh.run;

import dev.valuator.refresh.config.RefreshProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The optional outbound heartbeat ({@code VALUATION_HEARTBEAT_URL}, Healthchecks.io style): GET
 * the URL after a successful run, {@code <url>/fail} after a failed one, so a dead process is
 * noticed from outside. Sent in the background with a bounded timeout; never delays a run.
 */
@Component
class Heartbeat {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RefreshProperties properties;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    Heartbeat(RefreshProperties properties) {
        this.properties = properties;
    }

    void success(UUID jobId) {
        ping("", jobId);
    }

    void failure(UUID jobId) {
        ping("/fail", jobId);
    }

    private void ping(String suffix, UUID jobId) {
        if (!properties.heartbeatConfigured()) {
            return;
        }
        String base = properties.heartbeatUrl().strip();
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + suffix);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("User-Agent", "valuator")
                .GET()
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                log.warn(
                        "Heartbeat{} for refresh {} failed: {}",
                        suffix,
                        jobId,
                        error.getClass().getSimpleName());
            } else if (response.statusCode() >= 400) {
                log.warn("Heartbeat{} for refresh {} answered {}", suffix, jobId, response.statusCode());
            }
        });
    }
}
